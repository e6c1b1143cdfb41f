// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.dsp;

/**
 * Frame geometry of the Qwen2.5-Omni extractor (WhisperFeatureExtractor, chunk_length 300;
 * QWEN25_OMNI.md §2.1 steps 2–6): the clip is cut or zero-padded to 300 s (4.8 M samples),
 * reflect-padded by 200 samples at both ends, and framed every 160 samples with a 400-sample
 * window; the last STFT frame is dropped (30 000 frames). Frames whose window holds no real
 * sample are all log10(1e-10) and never computed.
 */
final class MelFraming {

    static final int HOP = 160;
    static final int WINDOW = PowerSpectrum.N_FFT;
    static final int PAD = WINDOW / 2;
    static final int MAX_SAMPLES = 4_800_000;
    static final int MAX_FRAMES = MAX_SAMPLES / HOP;
    /** Samples 0 … PAD that the start reflection reads. */
    static final int HEAD = PAD + 1;

    private MelFraming() {
    }

    /** ceil(n/160): the frames the model keeps for n samples (n already cut to 300 s). */
    static int validFrames(long samples) {
        return (int) ((Math.min(samples, MAX_SAMPLES) + HOP - 1) / HOP);
    }

    /** The last frame whose window touches one of the n real samples; they set the clip max. */
    static int lastTouchingFrame(long samples) {
        long n = Math.min(samples, MAX_SAMPLES);
        return (int) Math.min((n - 1 + PAD) / HOP, MAX_FRAMES - 1);
    }

    /** Samples frame t reads, at most: its window end, or the reflection source at the start. */
    static long samplesNeeded(int t) {
        return Math.min(Math.max((long) t * HOP + PAD, HEAD), MAX_SAMPLES);
    }

    /**
     * Fills {@code window} [400] with frame t of the padded signal. Samples are x[j] for
     * {@code j < n}, zero beyond; {@code head} holds x[0 … min(n, 201)) for the start
     * reflection and {@code buf} holds x from index {@code bufStart} on.
     */
    static void fill(int t, float[] window, float[] head, float[] buf, long bufStart, long n) {
        long first = (long) t * HOP - PAD;
        if (first >= bufStart && first + WINDOW <= n && first + WINDOW <= MAX_SAMPLES) {
            System.arraycopy(buf, (int) (first - bufStart), window, 0, WINDOW);
            return;
        }
        for (int i = 0; i < WINDOW; i++) {
            long j = first + i;
            if (j < 0) {
                j = -j;
            } else if (j >= MAX_SAMPLES) {
                j = 2L * (MAX_SAMPLES - 1) - j;
            }
            if (j >= n) {
                window[i] = 0f;
            } else if (j < bufStart) {
                window[i] = head[(int) j];
            } else {
                window[i] = buf[(int) (j - bufStart)];
            }
        }
    }
}
