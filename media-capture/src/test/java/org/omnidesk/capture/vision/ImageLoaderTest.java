// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.api.MediaException.Kind;
import org.omnidesk.capture.testing.Ffmpeg;

class ImageLoaderTest {

    @TempDir
    Path dir;

    /** Lossless formats written by independent encoders (JDK ImageIO, ffmpeg's libwebp) decode to the source pixels. */
    @ParameterizedTest
    @ValueSource(strings = {"png", "bmp", "gif", "webp"})
    void losslessFormatsDecodeToTheirSourcePixels(String format) throws Exception {
        BufferedImage source = fourColours(37, 23);
        Path png = dir.resolve("source.png");
        ImageIO.write(source, "png", png.toFile());
        Path file = dir.resolve("image." + format);
        if (format.equals("webp")) {
            Ffmpeg.run("-i", png.toString(), "-c:v", "libwebp", "-lossless", "1", file.toString());
        } else {
            assertTrue(ImageIO.write(source, format, file.toFile()), "ImageIO writes " + format);
        }
        ImageHeader header = ImageHeader.read(file);
        assertEquals(37, header.width());
        assertEquals(23, header.height());

        RgbImage got = ImageLoader.load(file);

        assertEquals(37, got.width());
        assertEquals(23, got.height());
        assertArrayEquals(rgbOf(source), got.rgb());
    }

    @Test
    void animatedGifGivesItsFirstFrame() throws Exception {
        // Frame 0 red, frames 1.. blue.
        Path gif = Ffmpeg.lavfi("color=c=red:s=32x16:r=5:d=0.6", dir.resolve("anim.gif"), "-vf",
                "drawbox=c=blue:t=fill:enable='gte(n,1)'");
        RgbImage got = ImageLoader.load(gif);
        assertEquals(32, got.width());
        int r = got.rgb()[0] & 0xFF;
        int b = got.rgb()[2] & 0xFF;
        assertTrue(r > 200 && b < 60, "first frame is red: " + r + "," + b);
    }

    @Test
    void alphaIsCompositedOnWhiteWithPillowRounding() throws Exception {
        BufferedImage argb = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x80FF0000); // red, alpha 128
        argb.setRGB(1, 0, 0x000000FF); // blue, fully transparent
        argb.setRGB(2, 0, 0xFF0AC81E); // opaque (10, 200, 30)
        Path file = dir.resolve("alpha.png");
        ImageIO.write(argb, "png", file.toFile());

        RgbImage got = ImageLoader.load(file);

        int[] expected = {
            255, white(0, 128), white(0, 128),
            255, 255, 255,
            10, 200, 30};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got.rgb()[i] & 0xFF, "sample " + i);
        }
    }

    @Test
    void bmpWithAnUnusedFourthByteStaysOpaque() throws Exception {
        // 32-bit BI_RGB, 2x1 top-down, pixels stored B, G, R, 0: the zero is padding, not alpha.
        ByteBuffer bmp = ByteBuffer.allocate(54 + 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        bmp.put((byte) 'B').put((byte) 'M').putInt(62).putInt(0).putInt(54);
        bmp.putInt(40).putInt(2).putInt(-1).putShort((short) 1).putShort((short) 32).putInt(0).putInt(8)
                .putInt(2835).putInt(2835).putInt(0).putInt(0);
        bmp.put(new byte[] {30, 20, 10, 0, (byte) 250, (byte) 240, (byte) 230, 0});
        Path file = Files.write(dir.resolve("screen.bmp"), bmp.array());

        RgbImage got = ImageLoader.load(file);

        assertArrayEquals(new byte[] {10, 20, 30, (byte) 230, (byte) 240, (byte) 250}, got.rgb());
    }

    @Test
    void jpegExifOrientationSixIsTurnedClockwise() throws Exception {
        // 40x20 grey picture with a red 10x10 block in the stored top-left corner.
        BufferedImage img = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 40; x++) {
                img.setRGB(x, y, x < 10 && y < 10 ? 0xFF0000 : 0x808080);
            }
        }
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", jpeg);
        Path file = dir.resolve("phone.jpg");
        Files.write(file, withExifOrientation(jpeg.toByteArray(), 6));
        assertEquals(6, ImageHeader.read(file).orientation());

        RgbImage got = ImageLoader.load(file);

        assertEquals(20, got.width());
        assertEquals(40, got.height());
        // After a clockwise quarter turn the block sits in the top-right corner.
        assertRed(got, 15, 4);
        assertGrey(got, 4, 4);
        assertGrey(got, 15, 35);
    }

    @Test
    void extremeAspectRatioIsRefusedWithThePath() throws Exception {
        Path file = dir.resolve("strip.png");
        ImageIO.write(new BufferedImage(1, 100_000, BufferedImage.TYPE_3BYTE_BGR), "png", file.toFile());
        MediaException e = assertThrows(MediaException.class, () -> ImageLoader.load(file));
        assertEquals(Kind.TOO_LARGE, e.kind());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("1x100000"), e.getMessage());
    }

    @Test
    void hugeSizeIsRefusedFromTheHeaderBeforeDecoding() throws Exception {
        // A PNG header claiming 20000x20000 with no pixel data: the size check must come first.
        ByteBuffer png = ByteBuffer.allocate(33);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        png.putInt(20_000).putInt(20_000).put(new byte[] {8, 2, 0, 0, 0}).putInt(0);
        Path file = dir.resolve("huge.png");
        Files.write(file, png.array());
        assertEquals(Kind.TOO_LARGE, assertThrows(MediaException.class, () -> ImageLoader.load(file)).kind());
    }

    @Test
    void badFilesGiveTypedErrorsNamingThePath() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.png"));
        Path text = Files.writeString(dir.resolve("notes.png"), "this is a text file, not a picture\n");
        Path truncated = dir.resolve("cut.png");
        ImageIO.write(fourColours(300, 200), "png", truncated.toFile());
        byte[] whole = Files.readAllBytes(truncated);
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));
        Path missing = dir.resolve("missing.jpg");
        Path tiff = Files.write(dir.resolve("scan.tif"), new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0, 0, 0});

        assertKind(Kind.EMPTY_FILE, empty);
        assertKind(Kind.NOT_MEDIA, text);
        assertKind(Kind.CORRUPT, truncated);
        assertKind(Kind.NOT_FOUND, missing);
        assertKind(Kind.UNSUPPORTED, tiff);
    }

    private static void assertKind(Kind kind, Path file) {
        MediaException e = assertThrows(MediaException.class, () -> ImageLoader.load(file));
        assertEquals(kind, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line");
    }

    /** Round((255·(255−a) + c·a) / 255): the exact rational value, rounded. */
    private static int white(int c, int a) {
        return (int) Math.round((255.0 * (255 - a) + c * a) / 255.0);
    }

    private static void assertRed(RgbImage img, int x, int y) {
        int p = (y * img.width() + x) * 3;
        int r = img.rgb()[p] & 0xFF;
        int g = img.rgb()[p + 1] & 0xFF;
        assertTrue(r > 200 && g < 60, "red expected at " + x + "," + y + ": " + r + "," + g);
    }

    private static void assertGrey(RgbImage img, int x, int y) {
        int p = (y * img.width() + x) * 3;
        int r = img.rgb()[p] & 0xFF;
        int g = img.rgb()[p + 1] & 0xFF;
        assertTrue(Math.abs(r - 128) < 20 && Math.abs(g - 128) < 20, "grey expected at " + x + "," + y + ": " + r + "," + g);
    }

    /** A picture of four flat colours (fits any palette, so GIF stays lossless). */
    static BufferedImage fourColours(int w, int h) {
        int[] colours = {0xFF2010, 0x10E040, 0x3050F0, 0xF0F0F0};
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, colours[(x / 5 + y / 3) % 4]);
            }
        }
        return img;
    }

    static byte[] rgbOf(BufferedImage img) {
        byte[] rgb = new byte[img.getWidth() * img.getHeight() * 3];
        int i = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int v = img.getRGB(x, y);
                rgb[i++] = (byte) (v >> 16);
                rgb[i++] = (byte) (v >> 8);
                rgb[i++] = (byte) v;
            }
        }
        return rgb;
    }

    /** Inserts an APP1 Exif segment (big-endian TIFF, one IFD0 entry: Orientation) after SOI. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer app1 = ByteBuffer.allocate(2 + 34);
        app1.put((byte) 0xFF).put((byte) 0xE1).putShort((short) 34);
        app1.put("Exif\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        app1.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        app1.putShort((short) 1);
        app1.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        app1.putInt(0);
        byte[] out = new byte[jpeg.length + app1.capacity()];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(app1.array(), 0, out, 2, app1.capacity());
        System.arraycopy(jpeg, 2, out, 2 + app1.capacity(), jpeg.length - 2);
        return out;
    }
}
