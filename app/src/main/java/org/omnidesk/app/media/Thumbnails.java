// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.media;

import java.util.function.IntBinaryOperator;
import org.omnidesk.capture.vision.Patchify;
import org.omnidesk.runtime.api.VisionFeatures;
import org.omnidesk.ui.fx.ArgbImage;

/** Small pictures for the screen: attachment thumbnails (at most {@value #MAX_W}×{@value #MAX_H}), camera previews. */
public final class Thumbnails {

    static final int MAX_W = 160;
    static final int MAX_H = 96;
    /** CLIP normalisation of the Qwen2-VL processor (MODEL_PACKAGE.md vision.mean / vision.std), undone for display. */
    private static final float[] MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
    private static final float[] STD = {0.26862954f, 0.26130258f, 0.27577711f};

    private Thumbnails() {
    }

    /** 8-bit RGB rows ({@code rgb} [height, width, 3]) shrunk to fit {@code maxW}×{@code maxH}. */
    public static ArgbImage of(int width, int height, byte[] rgb, int maxW, int maxH) {
        return fit(width, height, maxW, maxH, (x, y) -> {
            int i = (y * width + x) * 3;
            return argb(rgb[i] & 0xFF, rgb[i + 1] & 0xFF, rgb[i + 2] & 0xFF);
        });
    }

    /**
     * The first frame of an image's or video's pixel values, read back from its first grid's patch
     * rows: [h·w, 1176], rows in merged-block row → block column → row in block → column in block
     * order, each row channel → frame → y → x of one 14×14 patch.
     */
    public static ArgbImage of(VisionFeatures features) {
        int p = Patchify.PATCH;
        int gridW = features.gridW();
        float[] rows = features.pixelValues();
        return fit(gridW * p, features.gridH() * p, MAX_W, MAX_H, (x, y) -> {
            int px = x / p;
            int py = y / p;
            int row = ((py / 2 * (gridW / 2) + px / 2) * 2 + py % 2) * 2 + px % 2;
            int base = row * Patchify.PATCH_DIM + (y % p) * p + x % p;
            int[] c = new int[3];
            for (int ch = 0; ch < 3; ch++) {
                // a channel holds both frames of 14×14; frame 0 comes first
                float v = rows[base + ch * Patchify.TEMPORAL * p * p] * STD[ch] + MEAN[ch];
                c[ch] = Math.max(0, Math.min(255, Math.round(v * 255)));
            }
            return argb(c[0], c[1], c[2]);
        });
    }

    /** Samples a {@code width}×{@code height} picture (nearest pixel) down to fit {@code maxW}×{@code maxH}. */
    private static ArgbImage fit(int width, int height, int maxW, int maxH, IntBinaryOperator argbAt) {
        double scale = Math.min(1.0, Math.min(maxW / (double) width, maxH / (double) height));
        int w = Math.max(1, (int) Math.round(width * scale));
        int h = Math.max(1, (int) Math.round(height * scale));
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            int sy = Math.min(height - 1, (int) ((y + 0.5) / scale));
            for (int x = 0; x < w; x++) {
                out[y * w + x] = argbAt.applyAsInt(Math.min(width - 1, (int) ((x + 0.5) / scale)), sy);
            }
        }
        return new ArgbImage(w, h, out);
    }

    private static int argb(int r, int g, int b) {
        return 0xFF000000 | r << 16 | g << 8 | b;
    }
}
