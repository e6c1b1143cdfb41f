// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.omnidesk.runtime.api.AudioFeatures;
import org.omnidesk.runtime.api.UserInput;
import org.omnidesk.runtime.api.VisionFeatures;

/** Media for the remote tests: reference files, a forward patchify written from QWEN25_OMNI.md §3.2, tones. */
public final class TestMedia {

    private static final double[] MEAN = {0.48145466, 0.4578275, 0.40821073};
    private static final double[] STD = {0.26862954, 0.26130258, 0.27577711};

    private TestMedia() {
    }

    public static Path shared(String relative) {
        Path file = Path.of(System.getProperty("omnidesk.shared", "../shared")).resolve(relative);
        assertTrue(Files.isRegularFile(file), "reference file missing: " + file
                + " (the repository expects the shared folder beside it)");
        return file;
    }

    /** A little-endian float32 .npy as a flat array. */
    static float[] npyF32(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = b.getShort(8) & 0xFFFF;
        String header = new String(b.array(), 10, headerLength, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(header.contains("'<f4'") && header.contains("False"), header);
        b.position(10 + headerLength);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    /**
     * The forward transform: frames (each [h][w] packed 0xRRGGBB, an even count) to pixel_values
     * by rescale, CLIP normalisation and the (t, tp, c, hb, hi, py, wb, wi, px) → (t, hb, wb, hi, wi, c, tp, py, px)
     * permutation, looping over the output order directly.
     */
    static VisionFeatures patchify(List<int[]> frames, int h, int w, double secondPerGrid) {
        int t = frames.size() / 2;
        int gh = h / 14;
        int gw = w / 14;
        float[] out = new float[t * gh * gw * 1176];
        int i = 0;
        for (int ti = 0; ti < t; ti++) {
            for (int hb = 0; hb < gh / 2; hb++) {
                for (int wb = 0; wb < gw / 2; wb++) {
                    for (int hi = 0; hi < 2; hi++) {
                        for (int wi = 0; wi < 2; wi++) {
                            for (int c = 0; c < 3; c++) {
                                for (int tp = 0; tp < 2; tp++) {
                                    int[] frame = frames.get(2 * ti + tp);
                                    for (int py = 0; py < 14; py++) {
                                        for (int px = 0; px < 14; px++) {
                                            int y = (hb * 2 + hi) * 14 + py;
                                            int x = (wb * 2 + wi) * 14 + px;
                                            int v = frame[y * w + x] >> (16 - 8 * c) & 0xFF;
                                            out[i++] = (float) ((float) (v / 255.0) - MEAN[c]) / (float) STD[c];
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return new VisionFeatures(out, t, gh, gw, secondPerGrid, new double[0]);
    }

    /** A frame with a gradient and a bright square whose position depends on {@code k}. */
    static int[] frame(int h, int w, int k) {
        int[] rgb = new int[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean square = Math.abs(x - (10 + 9 * k) % w) < 8 && Math.abs(y - h / 2) < 8;
                int r = square ? 250 : x * 200 / w;
                int g = square ? 240 : y * 200 / h;
                int b = (40 * k) % 256;
                rgb[y * w + x] = r << 16 | g << 8 | b;
            }
        }
        return rgb;
    }

    static List<int[]> frames(int n, int h, int w) {
        List<int[]> frames = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            frames.add(frame(h, w, k));
        }
        return frames;
    }

    public static float[] sine(int samples, int rate, double hz, double amplitude) {
        float[] pcm = new float[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return pcm;
    }

    /** Audio features as the front end delivers them: [128, ceil(n/160)] log-mel (zeros here) and the samples. */
    public static AudioFeatures audio(float[] pcm16k) {
        int frames = Math.max(1, (pcm16k.length + 159) / 160);
        return new AudioFeatures(new float[AudioFeatures.MEL_BINS * frames], frames, pcm16k);
    }

    public static UserInput.Image referenceImage() throws IOException {
        float[] pv = npyF32(shared("data/vision/grad_300x451.pixel_values.npy"));
        return new UserInput.Image(new VisionFeatures(pv, 1, 22, 32, 0, new double[0]), "grad_300x451.png");
    }

    /** A 2 s video at 2 fps (4 frames of 56 × 84) with a 440 Hz sound track. */
    public static UserInput.Video video(boolean withSound) {
        VisionFeatures v = patchify(frames(4, 56, 84), 56, 84, 1.0);
        Optional<AudioFeatures> sound = withSound ? Optional.of(audio(sine(32_000, 16_000, 440, 0.5))) : Optional.empty();
        return new UserInput.Video(v, sound, "clip.mp4");
    }
}
