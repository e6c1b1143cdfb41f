// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.dsp;

/**
 * One frame of raw log-mel: power spectrum → 128 Slaney mels → log10(max(·, 1e-10)), before
 * the clip-level clamp. Holds scratch: one instance per thread.
 */
final class LogMelKernel {

    private static final double FLOOR = 1e-10;

    private final MelFilterBank bank;
    private final PowerSpectrum spectrum = new PowerSpectrum();
    private final float[] power = new float[PowerSpectrum.BINS];
    private final float[] mel;

    LogMelKernel(MelFilterBank bank) {
        this.bank = bank;
        this.mel = new float[bank.mels()];
    }

    /**
     * Consumes {@code window} [400] (overwritten) and writes the 128 raw values to
     * {@code out[offset + m·stride]}; returns their maximum.
     */
    float compute(float[] window, float[] out, int offset, int stride) {
        spectrum.compute(window, power);
        bank.apply(power, mel);
        float max = Float.NEGATIVE_INFINITY;
        for (int m = 0; m < mel.length; m++) {
            float v = (float) Math.log10(Math.max(mel[m], FLOOR));
            out[offset + m * stride] = v;
            max = Math.max(max, v);
        }
        return max;
    }

    /** The clip-level step: clamp at (max − 8), then (x + 4)/4, over {@code values[from, to)}. */
    static void clampAndScale(float[] values, int from, int to, float max) {
        float floor = max - 8f;
        for (int i = from; i < to; i++) {
            values[i] = (Math.max(values[i], floor) + 4f) / 4f;
        }
    }
}
