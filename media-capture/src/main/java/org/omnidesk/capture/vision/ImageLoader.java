// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.vision;

import static org.bytedeco.opencv.global.opencv_core.CV_16U;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntUnaryOperator;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.api.MediaException.Kind;
import org.omnidesk.capture.api.MediaFiles;

/**
 * Image file → 8-bit RGB as Qwen's preprocessing sees it: PNG, JPEG (EXIF orientation applied),
 * WebP, BMP and the first frame of a GIF, decoded by OpenCV (libjpeg-turbo, libpng, libwebp: the
 * same decoders Pillow uses, identical pixels). Alpha is composited on white with Pillow's
 * {@code paste(mask=alpha)} rounding; 16-bit samples keep their high byte.
 *
 * <p>The size is checked from the header first: more than {@value #MAX_PIXELS} pixels or an aspect
 * ratio above 200 is refused before any pixel is decoded.
 */
public final class ImageLoader {

    public static final long MAX_PIXELS = 200_000_000L;

    private ImageLoader() {
    }

    public static RgbImage load(Path path) throws MediaException {
        MediaFiles.requireReadableFile(path);
        ImageHeader header = ImageHeader.read(path);
        requireSensibleSize(path, header.width(), header.height());
        byte[] encoded;
        try {
            encoded = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new MediaException(Kind.NOT_FOUND, path, e.getMessage(), e);
        }
        RgbImage stored = decode(path, encoded);
        return Orientation.apply(stored, header.orientation());
    }

    /** TOO_LARGE for more than 200 megapixels or a side ratio above 200 (qwen-omni-utils' MAX_RATIO). */
    public static void requireSensibleSize(Path path, int width, int height) throws MediaException {
        long pixels = (long) width * height;
        double ratio = (double) Math.max(width, height) / Math.min(width, height);
        if (pixels > MAX_PIXELS || ratio > SmartResize.MAX_RATIO) {
            throw new MediaException(Kind.TOO_LARGE, path, width + "x" + height + " px; limits: "
                    + MAX_PIXELS / 1_000_000 + " megapixels, aspect ratio " + (int) SmartResize.MAX_RATIO);
        }
    }

    private static RgbImage decode(Path path, byte[] encoded) throws MediaException {
        try (BytePointer bytes = new BytePointer(encoded);
             Mat buffer = new Mat(1, encoded.length, CV_8UC1, bytes);
             Mat mat = imdecode(buffer, IMREAD_UNCHANGED)) {
            if (mat.empty()) {
                throw new MediaException(Kind.CORRUPT, path, "the decoder could not read the pixels");
            }
            int depth = mat.depth();
            if (depth != CV_8U && depth != CV_16U) {
                throw new MediaException(Kind.UNSUPPORTED, path, "sample depth " + depth);
            }
            return toRgb(mat, depth == CV_16U);
        }
    }

    /** OpenCV's gray / BGR / BGRA (8 or 16 bit) → RGB, alpha over white. */
    private static RgbImage toRgb(Mat mat, boolean sixteenBit) {
        int w = mat.cols();
        int h = mat.rows();
        int channels = mat.channels();
        int n = w * h;
        ByteBuffer data = mat.createBuffer();
        ShortBuffer wide = data.order(ByteOrder.nativeOrder()).asShortBuffer();
        IntUnaryOperator sample = sixteenBit ? i -> (wide.get(i) & 0xFFFF) >>> 8 : i -> data.get(i) & 0xFF;
        byte[] rgb = new byte[n * 3];
        for (int i = 0; i < n; i++) {
            int s = i * channels;
            int r;
            int g;
            int b;
            if (channels < 3) {
                r = g = b = sample.applyAsInt(s);
            } else {
                b = sample.applyAsInt(s);
                g = sample.applyAsInt(s + 1);
                r = sample.applyAsInt(s + 2);
            }
            if (channels == 4 || channels == 2) {
                int a = sample.applyAsInt(s + channels - 1);
                r = overWhite(r, a);
                g = overWhite(g, a);
                b = overWhite(b, a);
            }
            rgb[i * 3] = (byte) r;
            rgb[i * 3 + 1] = (byte) g;
            rgb[i * 3 + 2] = (byte) b;
        }
        return new RgbImage(w, h, rgb);
    }

    /** Pillow's BLEND: (white·(255−a) + c·a)/255 rounded with its DIV255. */
    static int overWhite(int c, int a) {
        int v = 255 * (255 - a) + c * a + 128;
        return ((v >> 8) + v) >> 8;
    }
}
