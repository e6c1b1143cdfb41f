// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.dsp;

import java.util.Arrays;

/**
 * Triangular mel filters with Slaney scale and Slaney area normalisation, as transformers'
 * {@code mel_filter_bank(norm="slaney", mel_scale="slaney")} builds them (QWEN25_OMNI.md §2.1
 * step 4): computed in double, applied in float32. Each filter keeps only its non-zero bins.
 */
final class MelFilterBank {

    private static final double MIN_LOG_HZ = 1000.0;
    private static final double MIN_LOG_MEL = 15.0;
    private static final double LOG_STEP = 27.0 / Math.log(6.4);

    private final int bins;
    private final int[] firstBin;    // [mels]
    private final float[][] weights; // [mels][span]: weights of bins firstBin .. firstBin+span-1

    private MelFilterBank(int bins, int[] firstBin, float[][] weights) {
        this.bins = bins;
        this.firstBin = firstBin;
        this.weights = weights;
    }

    /** {@code mels} filters over {@code bins} FFT bins spanning 0 … sampleRate/2. */
    static MelFilterBank slaney(int mels, int bins, int sampleRate, double fMin, double fMax) {
        double melMin = hzToMel(fMin);
        double melMax = hzToMel(fMax);
        double[] edges = new double[mels + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = melToHz(melMin + (melMax - melMin) * i / (mels + 1));
        }
        int nyquist = sampleRate / 2;
        int[] first = new int[mels];
        float[][] weights = new float[mels][];
        for (int m = 0; m < mels; m++) {
            double norm = 2.0 / (edges[m + 2] - edges[m]);
            float[] row = new float[bins];
            int lo = bins;
            int hi = -1;
            for (int k = 0; k < bins; k++) {
                double f = (double) nyquist * k / (bins - 1);
                double down = (f - edges[m]) / (edges[m + 1] - edges[m]);
                double up = (edges[m + 2] - f) / (edges[m + 2] - edges[m + 1]);
                double w = Math.max(0.0, Math.min(down, up)) * norm;
                row[k] = (float) w;
                if (row[k] != 0f) {
                    lo = Math.min(lo, k);
                    hi = k;
                }
            }
            first[m] = hi < 0 ? 0 : lo;
            weights[m] = hi < 0 ? new float[0] : Arrays.copyOfRange(row, lo, hi + 1);
        }
        return new MelFilterBank(bins, first, weights);
    }

    static double hzToMel(double hz) {
        return hz < MIN_LOG_HZ ? 3.0 * hz / 200.0 : MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) * LOG_STEP;
    }

    static double melToHz(double mel) {
        return mel < MIN_LOG_MEL ? 200.0 * mel / 3.0 : MIN_LOG_HZ * Math.exp((mel - MIN_LOG_MEL) / LOG_STEP);
    }

    int mels() {
        return weights.length;
    }

    int bins() {
        return bins;
    }

    float weight(int mel, int bin) {
        int i = bin - firstBin[mel];
        return i >= 0 && i < weights[mel].length ? weights[mel][i] : 0f;
    }

    /** {@code out[m] = Σ_k W[m][k]·power[k]}; power is [bins], out is [mels]. */
    void apply(float[] power, float[] out) {
        for (int m = 0; m < weights.length; m++) {
            float[] w = weights[m];
            int k0 = firstBin[m];
            float sum = 0f;
            for (int i = 0; i < w.length; i++) {
                sum += w[i] * power[k0 + i];
            }
            out[m] = sum;
        }
    }
}
