// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.dsp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * The Qwen2.5-Omni audio features (WhisperFeatureExtractor with the Omni preprocessor config,
 * QWEN25_OMNI.md §2.1): 16 kHz mono float → [128, ceil(n/160)] log-mel, 128 Slaney bins,
 * periodic Hann 400, hop 160, reflect padding at the start, zero padding at the end,
 * log10 floored at 1e-10, clamped at (clip max − 8), then (x + 4)/4. Audio past 300 s is cut
 * as the reference cuts it; {@link MelSpectrogram#warning()} says so.
 *
 * <pre>{@code
 * MelSpectrogram m = LogMel.compute(pcm16k);            // one thread
 * MelSpectrogram p = LogMel.compute(pcm16k, pool);      // frames split over a ForkJoinPool
 * }</pre>
 */
public final class LogMel {

    public static final int MEL_BINS = 128;
    public static final int SAMPLE_RATE = 16_000;
    public static final int HOP_LENGTH = MelFraming.HOP;
    /** 300 s: the reference pads or cuts every clip to this many samples. */
    public static final int MAX_SAMPLES = MelFraming.MAX_SAMPLES;

    static final MelFilterBank BANK = MelFilterBank.slaney(MEL_BINS, PowerSpectrum.BINS, SAMPLE_RATE, 0, 8000);

    private static final int FRAMES_PER_TASK = 256;

    private LogMel() {
    }

    /** Features of a whole clip on the calling thread. */
    public static MelSpectrogram compute(float[] pcm) {
        return compute(pcm, null);
    }

    /** Features of a whole clip, frames split over {@code pool} (null: the calling thread). */
    public static MelSpectrogram compute(float[] pcm, ForkJoinPool pool) {
        if (pcm.length == 0) {
            throw new IllegalArgumentException("no audio samples to compute log-mel features from");
        }
        long n = Math.min(pcm.length, MAX_SAMPLES);
        int frames = MelFraming.validFrames(n);
        int last = MelFraming.lastTouchingFrame(n);
        float[] mel = new float[MEL_BINS * frames];
        float max;
        if (pool == null) {
            max = computeFrames(pcm, n, 0, last + 1, mel, frames);
        } else {
            List<ForkJoinTask<Float>> tasks = new ArrayList<>();
            for (int from = 0; from <= last; from += FRAMES_PER_TASK) {
                int start = from;
                int end = Math.min(last + 1, from + FRAMES_PER_TASK);
                tasks.add(pool.submit(() -> computeFrames(pcm, n, start, end, mel, frames)));
            }
            max = Float.NEGATIVE_INFINITY;
            for (ForkJoinTask<Float> task : tasks) {
                max = Math.max(max, task.join());
            }
        }
        LogMelKernel.clampAndScale(mel, 0, mel.length, max);
        return new MelSpectrogram(mel, frames, pcm.length);
    }

    /**
     * Raw log-mel of frames [from, to) into {@code mel} [128, frames]; frames at or past
     * {@code frames} only count towards the returned maximum.
     */
    private static float computeFrames(float[] pcm, long n, int from, int to, float[] mel, int frames) {
        LogMelKernel kernel = new LogMelKernel(BANK);
        float[] window = new float[MelFraming.WINDOW];
        float[] tail = new float[MEL_BINS];
        float max = Float.NEGATIVE_INFINITY;
        for (int t = from; t < to; t++) {
            MelFraming.fill(t, window, pcm, pcm, 0, n);
            float frameMax = t < frames ? kernel.compute(window, mel, t, frames) : kernel.compute(window, tail, 0, 1);
            max = Math.max(max, frameMax);
        }
        return max;
    }
}
