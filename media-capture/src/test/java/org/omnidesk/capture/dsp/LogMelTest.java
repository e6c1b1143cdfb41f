// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.omnidesk.capture.io.Npy;
import org.omnidesk.capture.testing.SharedData;

/** LogMel against the reference features in ../shared/data/mel and the naive oracle. */
class LogMelTest {

    private static final float TOLERANCE = 1e-4f;

    @Test
    void filterBankMatchesTheReference() throws IOException {
        Npy.Array ref = Npy.readFloat32(SharedData.path("mel/mel_filters_hf_128.npy"));
        float[] w = ref.data();
        double worst = 0;
        for (int m = 0; m < 128; m++) {
            for (int k = 0; k < 201; k++) {
                worst = Math.max(worst, Math.abs(LogMel.BANK.weight(m, k) - w[m * 201 + k]));
            }
        }
        assertTrue(worst < 1e-7, "filter bank differs by " + worst);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jfk", "sine1k_2p5s"})
    void matchesTheReferenceFeatures(String clip) throws IOException {
        float[] pcm = SharedData.f32("mel/" + clip + ".f32");
        Npy.Array ref = Npy.readFloat32(SharedData.path("mel/" + clip + ".qwen_omni.npy"));
        MelSpectrogram mel = LogMel.compute(pcm);
        assertEquals(ref.dim(1), mel.frames(), "frame count");
        assertEquals((pcm.length + 159) / 160, mel.frames());
        assertWithin(ref.data(), mel.mel(), TOLERANCE, clip);
        assertFalse(mel.truncated());
        assertTrue(mel.warning().isEmpty());
    }

    @Test
    void threadsGiveTheSameValuesAsOneThread() throws IOException {
        float[] pcm = SharedData.f32("mel/jfk.f32");
        ForkJoinPool pool = new ForkJoinPool(3);
        try {
            assertArrayEquals(LogMel.compute(pcm).mel(), LogMel.compute(pcm, pool).mel());
        } finally {
            pool.shutdown();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 150, 160, 200, 201, 359, 1601, 16_017})
    void shortAndOddLengthsMatchTheOracle(int n) throws IOException {
        float[] x = noisyTone(n, 7 + n);
        MelSpectrogram mel = LogMel.compute(x);
        assertEquals((n + 159) / 160, mel.frames());
        assertWithin(new NaiveLogMel().features(x), mel.mel(), TOLERANCE, n + " samples");
    }

    @Test
    void clipsPast300SecondsAreCutLikeTheReference() throws IOException {
        // Silence, then a loud tone across the 300 s boundary: the last frame reads the end reflection.
        int n = LogMel.MAX_SAMPLES + 16_000;
        float[] x = new float[n];
        for (int i = LogMel.MAX_SAMPLES - 1_000; i < n; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
        }
        MelSpectrogram mel = LogMel.compute(x);
        assertEquals(30_000, mel.frames());
        assertTrue(mel.truncated());
        assertTrue(mel.warning().orElseThrow().contains("first 300 s"), mel.warning().orElseThrow());
        assertWithin(new NaiveLogMel().features(x), mel.mel(), TOLERANCE, "301 s");
        float[] cut = java.util.Arrays.copyOf(x, LogMel.MAX_SAMPLES);
        assertArrayEquals(LogMel.compute(cut).mel(), mel.mel(), "same as the first 300 s");
    }

    @Test
    void emptyAudioIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LogMel.compute(new float[0]));
    }

    static float[] noisyTone(int n, long seed) {
        Random random = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 700 * i / 16_000.0) + 0.05 * random.nextGaussian());
        }
        return x;
    }

    static void assertWithin(float[] expected, float[] actual, float tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": value count");
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs(expected[i] - actual[i]);
            if (d > worst) {
                worst = d;
                at = i;
            }
        }
        assertTrue(worst <= tolerance, what + ": max abs difference " + worst + " at index " + at);
    }
}
