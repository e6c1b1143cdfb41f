// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.omnidesk.capture.api.AudioChunk;
import org.omnidesk.capture.io.Npy;
import org.omnidesk.capture.testing.SharedData;

/** Streamed blocks against the offline reference: frame counts exact, deviations bounded and measured. */
class StreamingLogMelTest {

    @Test
    void jfkStreamedInOddChunksKeepsTheOfflineFramesAndReportsItsDeviation() throws IOException {
        float[] pcm = SharedData.f32("mel/jfk.f32");
        Npy.Array ref = Npy.readFloat32(SharedData.path("mel/jfk.qwen_omni.npy"));
        double[] d = deviation(ref.data(), concat(stream(pcm, new int[] {37, 1600, 333, 5, 4000}), ref.dim(1)));
        System.out.printf(Locale.ROOT, "StreamingLogMel vs offline, jfk: max |diff| %.5f, values off by > 1e-3: %.3f%%%n",
                d[0], 100 * d[1]);
        // jfk's loudest frame (0.95 s) lies in the first block, so every block sees the clip max.
        assertTrue(d[0] <= 1e-4, "jfk deviates by " + d[0]);
    }

    @Test
    void quietLeadInDeviatesOnlyBelowTheClampFloorUntilTheLoudPartArrives() throws IOException {
        // Live capture usually starts with room tone: 2 s of noise at jfk's own background level, then jfk.
        float[] jfk = SharedData.f32("mel/jfk.f32");
        float[] pcm = new float[32_000 + jfk.length];
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 32_000; i++) {
            pcm[i] = (float) (0.009 * random.nextGaussian());
        }
        System.arraycopy(jfk, 0, pcm, 32_000, jfk.length);
        MelSpectrogram offline = LogMel.compute(pcm);
        double[] d = deviation(offline.mel(), concat(stream(pcm, new int[] {320}), offline.frames()));
        System.out.printf(Locale.ROOT, "StreamingLogMel vs offline, 2 s room tone + jfk: max |diff| %.5f, "
                + "values off by > 1e-3: %.3f%%%n", d[0], 100 * d[1]);
        assertTrue(d[0] > 1e-3 && d[1] < 0.25, "expected a deviation confined to the first block");
    }

    @Test
    void chunkingDoesNotChangeTheBlocks() throws IOException {
        float[] pcm = SharedData.f32("mel/sine1k_2p5s.f32");
        List<MelBlock> a = stream(pcm, new int[] {1});
        List<MelBlock> b = stream(pcm, new int[] {pcm.length});
        assertEquals(List.of(200, 50), a.stream().map(MelBlock::frames).toList());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).firstFrame(), b.get(i).firstFrame());
            assertArrayEquals(a.get(i).mel(), b.get(i).mel());
        }
    }

    @Test
    void frameCountsAreExactAtEveryLength() {
        for (int n : new int[] {1, 159, 160, 161, 201, 31_999, 32_000, 32_001, 64_160}) {
            float[] x = LogMelTest.noisyTone(n, n);
            StreamingLogMel s = new StreamingLogMel(b -> { });
            s.accept(new AudioChunk(x, 16_000, 0));
            s.finish();
            assertEquals((n + 159) / 160, s.frames(), n + " samples");
        }
    }

    /**
     * {max |offline − streamed|, fraction of values off by more than 1e-3}; asserts the invariant that
     * streamed values never exceed offline ones (the running max never exceeds the clip max).
     */
    private static double[] deviation(float[] offline, float[] streamed) {
        double worst = 0;
        int off = 0;
        for (int i = 0; i < offline.length; i++) {
            double d = offline[i] - streamed[i];
            assertTrue(d > -1e-4, "streamed value above offline at " + i + ": " + streamed[i] + " > " + offline[i]);
            worst = Math.max(worst, Math.abs(d));
            off += Math.abs(d) > 1e-3 ? 1 : 0;
        }
        return new double[] {worst, off / (double) offline.length};
    }

    private static List<MelBlock> stream(float[] pcm, int[] sizes) {
        List<MelBlock> blocks = new ArrayList<>();
        StreamingLogMel s = new StreamingLogMel(blocks::add);
        int pos = 0;
        for (int i = 0; pos < pcm.length; i++) {
            int len = Math.min(sizes[i % sizes.length], pcm.length - pos);
            s.accept(pcm, pos, len);
            pos += len;
        }
        s.finish();
        return blocks;
    }

    private static float[] concat(List<MelBlock> blocks, int frames) {
        float[] out = new float[128 * frames];
        int next = 0;
        for (MelBlock b : blocks) {
            assertEquals(next, b.firstFrame(), "blocks are contiguous");
            assertTrue(b.frames() == 200 || b == blocks.get(blocks.size() - 1), "only the last block is short");
            for (int m = 0; m < 128; m++) {
                System.arraycopy(b.mel(), m * b.frames(), out, m * frames + next, b.frames());
            }
            next += b.frames();
        }
        assertEquals(frames, next, "concatenated blocks hold the offline frame count");
        return out;
    }
}
