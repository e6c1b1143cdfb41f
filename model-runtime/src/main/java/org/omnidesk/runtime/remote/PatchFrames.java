// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import org.omnidesk.runtime.api.VisionFeatures;

/**
 * Undoes the Qwen2-VL preprocessing (QWEN25_OMNI.md §3.2) to get back the resized RGB frames
 * the local front end sampled, so a server receives exactly those pixels and not the original
 * file. Each row of {@code pixel_values} [t·h·w, 1176] is one 14×14 patch of a frame pair,
 * rows ordered t → merged row hb → merged col wb → hi → wi and values c → tp → py → px, with
 * x = (v/255 − mean_c)/std_c (OpenAI-CLIP mean/std). Frame f lives at t = f/2, tp = f%2.
 */
final class PatchFrames {

    static final double[] MEAN = {0.48145466, 0.4578275, 0.40821073};
    static final double[] STD = {0.26862954, 0.26130258, 0.27577711};
    static final int PATCH = 14;
    private static final int TEMPORAL = 2;

    private PatchFrames() {
    }

    /** Frames in the features: 2 per temporal grid (an image's pair holds one frame twice). */
    static int frameCount(VisionFeatures v) {
        return TEMPORAL * v.gridT();
    }

    static int width(VisionFeatures v) {
        return v.gridW() * PATCH;
    }

    static int height(VisionFeatures v) {
        return v.gridH() * PATCH;
    }

    /** Frame {@code f} as an RGB image of {@link #height} × {@link #width} pixels. */
    static BufferedImage frame(VisionFeatures v, int f) {
        if (f < 0 || f >= frameCount(v)) {
            throw new IllegalArgumentException("frame " + f + " of " + frameCount(v));
        }
        int t = f / TEMPORAL;
        int tp = f % TEMPORAL;
        int w = width(v);
        int h = height(v);
        int mergedRows = v.gridH() / 2;
        int mergedCols = v.gridW() / 2;
        float[] pv = v.pixelValues(); // [t·h·w, 1176]
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] rgb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData(); // [h·w] 0xRRGGBB
        for (int y = 0; y < h; y++) {
            int gy = y / PATCH;
            int py = y % PATCH;
            for (int x = 0; x < w; x++) {
                int gx = x / PATCH;
                int row = (((t * mergedRows + gy / 2) * mergedCols + gx / 2) * 2 + gy % 2) * 2 + gx % 2;
                int base = row * VisionFeatures.PATCH_DIM + (tp * PATCH + py) * PATCH + x % PATCH;
                int packed = 0;
                for (int c = 0; c < 3; c++) {
                    packed = packed << 8 | toByte(pv[base + c * TEMPORAL * PATCH * PATCH], c);
                }
                rgb[y * w + x] = packed;
            }
        }
        return image;
    }

    /** The 8-bit value that normalised to {@code x} in channel {@code c} (exact up to float32 rounding). */
    static int toByte(float x, int c) {
        long v = Math.round((x * STD[c] + MEAN[c]) * 255.0);
        return (int) Math.max(0, Math.min(255, v));
    }
}
