// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.testing;

/** Reads one frame's pixels back out of Qwen2-VL {@code pixel_values} (inverse of the patch layout and CLIP normalisation). */
public final class PixelValues {

    private static final double[] MEAN = {0.48145466, 0.4578275, 0.40821073};
    private static final double[] STD = {0.26862954, 0.26130258, 0.27577711};

    private PixelValues() {
    }

    /** 8-bit level of channel {@code c} at (x, y) of frame {@code tp} (0/1) in temporal grid {@code t}. */
    public static double level(float[] values, int gridH, int gridW, int t, int tp, int c, int x, int y) {
        int py = y / 14;
        int px = x / 14;
        int block = (py / 2) * (gridW / 2) + px / 2;
        int row = t * gridH * gridW + block * 4 + (py % 2) * 2 + px % 2;
        int offset = row * 1176 + c * 392 + tp * 196 + (y % 14) * 14 + x % 14;
        return (values[offset] * STD[c] + MEAN[c]) * 255;
    }
}
