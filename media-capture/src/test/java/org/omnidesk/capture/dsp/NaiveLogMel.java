// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.dsp;

import java.io.IOException;
import org.omnidesk.capture.io.Npy;
import org.omnidesk.capture.testing.SharedData;

/**
 * The test oracle: a literal, slow restatement of the reference extractor in double precision —
 * cut or zero-pad to 4.8 M samples, numpy-style reflect padding of 200 at both ends, all 30 001
 * frames with the last dropped, a naive DFT, the reference filter bank file, the max over every
 * frame. Windows that are all zero are not transformed (their value is log10(1e-10) = −10).
 */
final class NaiveLogMel {

    private static final int CAP = 4_800_000;
    private static final int FRAMES = 30_000;

    private final float[] filters; // [128, 201]
    private final double[] cos = new double[400];
    private final double[] sin = new double[400];
    private final double[] hann = new double[400];

    NaiveLogMel() throws IOException {
        filters = Npy.readFloat32(SharedData.path("mel/mel_filters_hf_128.npy")).data();
        for (int i = 0; i < 400; i++) {
            cos[i] = Math.cos(2 * Math.PI * i / 400);
            sin[i] = Math.sin(2 * Math.PI * i / 400);
            hann[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / 400);
        }
    }

    /** [128, ceil(min(n, 4.8M)/160)] features of {@code x}. */
    float[] features(float[] x) {
        int n = Math.min(x.length, CAP);
        int valid = (n + 159) / 160;
        float[] out = new float[128 * valid];
        double max = Double.NEGATIVE_INFINITY;
        double[] window = new double[400];
        double[] raw = new double[128];
        for (int t = 0; t < FRAMES; t++) {
            boolean zero = true;
            for (int i = 0; i < 400; i++) {
                window[i] = padded(x, n, 160L * t + i);
                zero &= window[i] == 0;
            }
            if (zero) {
                java.util.Arrays.fill(raw, -10.0);
            } else {
                logMel(window, raw);
            }
            for (int m = 0; m < 128; m++) {
                max = Math.max(max, raw[m]);
                if (t < valid) {
                    out[m * valid + t] = (float) raw[m];
                }
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ((Math.max(out[i], max - 8) + 4) / 4);
        }
        return out;
    }

    /** np.pad(s, 200, mode="reflect")[p] where s is x cut or zero-padded to 4.8 M samples. */
    private static double padded(float[] x, int n, long p) {
        long j;
        if (p < 200) {
            j = 200 - p;
        } else if (p < CAP + 200) {
            j = p - 200;
        } else {
            j = CAP - 2 - (p - CAP - 200);
        }
        return j < n ? x[(int) j] : 0.0;
    }

    private void logMel(double[] window, double[] raw) {
        double[] power = new double[201];
        for (int k = 0; k <= 200; k++) {
            double re = 0;
            double im = 0;
            for (int i = 0; i < 400; i++) {
                int phase = (int) ((long) k * i % 400);
                re += window[i] * hann[i] * cos[phase];
                im -= window[i] * hann[i] * sin[phase];
            }
            power[k] = re * re + im * im;
        }
        for (int m = 0; m < 128; m++) {
            double sum = 0;
            for (int k = 0; k <= 200; k++) {
                sum += filters[m * 201 + k] * power[k];
            }
            raw[m] = Math.log10(Math.max(sum, 1e-10));
        }
    }
}
