// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.api;

/**
 * Patchified pixels of one image or video: {@code pixelValues} is [t·h·w, 1176] row-major
 * (Qwen2-VL patch order), the grid is (t, h, w) in 14-px patches (t in frame pairs).
 * {@code secondPerGrid} is the time one temporal grid covers (video; 0 for images).
 * {@code frameTimesSeconds} are the sampled frames' timestamps (video; empty for images).
 */
public record VisionFeatures(float[] pixelValues, int gridT, int gridH, int gridW,
                             double secondPerGrid, double[] frameTimesSeconds) {
    public static final int PATCH_DIM = 1176;

    public VisionFeatures {
        if (gridT < 1 || gridH < 2 || gridW < 2 || gridH % 2 != 0 || gridW % 2 != 0) {
            throw new IllegalArgumentException("bad grid " + gridT + "x" + gridH + "x" + gridW);
        }
        if ((long) pixelValues.length != (long) gridT * gridH * gridW * PATCH_DIM) {
            throw new IllegalArgumentException("pixel_values has " + pixelValues.length
                    + " values, grid needs " + ((long) gridT * gridH * gridW * PATCH_DIM));
        }
        if (frameTimesSeconds == null) {
            frameTimesSeconds = new double[0];
        }
    }

    public int patches() {
        return gridT * gridH * gridW;
    }

    /** Tokens after the 2x2 merger: t·h·w/4. */
    public int tokens() {
        return patches() / 4;
    }
}
