// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.dsp;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * |STFT|² of one 400-sample frame under a periodic Hann window ({@code torch.hann_window(400)}):
 * 201 one-sided bins, 40 Hz apart at 16 kHz. JTransforms' mixed-radix real FFT (400 = 4·4·5·5);
 * TarsosDSP's FFT is a copy of the same code and gives identical values at the same speed.
 * Holds scratch: one instance per thread.
 */
final class PowerSpectrum {

    static final int N_FFT = 400;
    static final int BINS = N_FFT / 2 + 1;

    private static final float[] HANN = periodicHann(N_FFT);

    private final FloatFFT_1D fft = new FloatFFT_1D(N_FFT);

    private static float[] periodicHann(int n) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (0.5 - 0.5 * Math.cos(2.0 * Math.PI * i / n));
        }
        return w;
    }

    /** Windows {@code frame} [400] in place, transforms it and writes {@code power} [201]. */
    void compute(float[] frame, float[] power) {
        for (int i = 0; i < N_FFT; i++) {
            frame[i] *= HANN[i];
        }
        fft.realForward(frame);
        // realForward packs Re[0], Re[n/2], then (Re[k], Im[k]) pairs for k = 1 … n/2-1.
        power[0] = frame[0] * frame[0];
        power[BINS - 1] = frame[1] * frame[1];
        for (int k = 1; k < BINS - 1; k++) {
            float re = frame[2 * k];
            float im = frame[2 * k + 1];
            power[k] = re * re + im * im;
        }
    }
}
