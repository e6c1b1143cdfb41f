// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.omnidesk.runtime.api.AudioFeatures;
import org.omnidesk.runtime.api.ErrorKind;
import org.omnidesk.runtime.api.InferenceException;
import org.omnidesk.runtime.api.UserInput;
import org.omnidesk.runtime.api.VisionFeatures;

/**
 * Turns the local front end's features into what the server API accepts: audio as a 16 kHz WAV
 * of the kept samples (the server computes its own log-mel), an image as a PNG of the resized
 * frame, a video as an MJPEG AVI of the locally sampled and resized frames at their sampling
 * rate, with the sound track inside when the video's sound is used (vLLM-Omni extracts it from
 * the same file for {@code use_audio_in_video}). So a 1-hour video is uploaded as its ≤ 768
 * sampled frames, never raw.
 */
final class UploadEncoder {

    static final float JPEG_QUALITY = 0.9f;
    private static final double DEFAULT_FPS = 2.0;

    private UploadEncoder() {
    }

    static UploadPart encode(UserInput input) {
        if (input instanceof UserInput.Text text) {
            return new UploadPart.Text(text.text());
        } else if (input instanceof UserInput.Audio audio) {
            return new UploadPart.Audio(Wav.mono16(samples(audio.features(), audio.label()), MjpegAvi.AUDIO_RATE),
                    audio.features().seconds());
        } else if (input instanceof UserInput.Image image) {
            VisionFeatures v = image.features();
            return new UploadPart.Image(png(PatchFrames.frame(v, 0)), PatchFrames.width(v), PatchFrames.height(v));
        }
        UserInput.Video video = (UserInput.Video) input;
        float[] sound = video.audio().map(a -> samples(a, video.label())).orElse(new float[0]);
        return video(jpegFrames(video.features()), video.features(), sound);
    }

    static List<UploadPart> encodeAll(List<UserInput> inputs) {
        List<UploadPart> parts = new ArrayList<>();
        inputs.forEach(i -> parts.add(encode(i)));
        return parts;
    }

    /** A video part from already encoded frames (a live turn encodes them while the user speaks). */
    static UploadPart.Video video(List<byte[]> jpegs, VisionFeatures grid, float[] pcm16k) {
        double fps = grid.secondPerGrid() > 0 ? 2.0 / grid.secondPerGrid() : DEFAULT_FPS;
        int w = PatchFrames.width(grid);
        int h = PatchFrames.height(grid);
        return new UploadPart.Video(MjpegAvi.write(jpegs, w, h, fps, pcm16k), jpegs.size(), w, h, fps,
                pcm16k.length > 0);
    }

    /** Every frame of the features as a JPEG, in time order. */
    static List<byte[]> jpegFrames(VisionFeatures v) {
        List<byte[]> jpegs = new ArrayList<>();
        for (int f = 0; f < PatchFrames.frameCount(v); f++) {
            jpegs.add(jpeg(PatchFrames.frame(v, f)));
        }
        return jpegs;
    }

    /** The 16 kHz samples the audio front end kept; the server needs sound, not log-mel. */
    static float[] samples(AudioFeatures audio, String label) {
        if (audio.pcm16k().length == 0) {
            throw new InferenceException(ErrorKind.UNSUPPORTED_INPUT, "The audio of '" + label
                    + "' has log-mel features but no 16 kHz samples, and a remote server needs the sound;"
                    + " decode it again with its samples kept (AudioFeatures.pcm16k)");
        }
        return audio.pcm16k();
    }

    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
