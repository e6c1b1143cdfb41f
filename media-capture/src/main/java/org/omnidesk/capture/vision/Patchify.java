// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.vision;

/**
 * Qwen2-VL image processor tail: rescale ×1/255 (float64, then float32), CLIP normalisation in
 * float32, and the patch layout of {@code pixel_values}.
 *
 * <p>One temporal grid is a pair of equally sized frames (an image is its own pair). Its rows
 * [h/14 · w/14, 1176] iterate merged-block row → merged-block column → row in block → column in
 * block (2×2 merge); each row holds channel → frame → y → x of one 14×14 patch.
 */
public final class Patchify {

    public static final int PATCH = 14;
    public static final int MERGE = 2;
    public static final int TEMPORAL = 2;
    public static final int PATCH_DIM = 3 * TEMPORAL * PATCH * PATCH; // 1176

    private static final double RESCALE = 1.0 / 255;
    private static final float[] MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
    private static final float[] STD = {0.26862954f, 0.26130258f, 0.27577711f};
    /** normalised value of every 8-bit level, per channel: [3][256]. */
    private static final float[][] LEVELS = new float[3][256];

    static {
        for (int c = 0; c < 3; c++) {
            for (int v = 0; v < 256; v++) {
                float rescaled = (float) (v * RESCALE);
                LEVELS[c][v] = (rescaled - MEAN[c]) / STD[c];
            }
        }
    }

    private Patchify() {
    }

    /** Patches along y (grid h) for a frame of this size. */
    public static int gridH(Size size) {
        return size.height() / PATCH;
    }

    public static int gridW(Size size) {
        return size.width() / PATCH;
    }

    /** Values one temporal grid of this frame size fills: h·w·1176. */
    public static int valuesPerGrid(Size size) {
        return gridH(size) * gridW(size) * PATCH_DIM;
    }

    /** An image as two identical frames: [h/14 · w/14, 1176]. */
    public static float[] image(RgbImage image) {
        float[] out = new float[valuesPerGrid(image.size())];
        pair(image, image, out, 0);
        return out;
    }

    /** Writes the grid made of frames {@code first}, {@code second} into {@code out} from {@code offset}. */
    public static void pair(RgbImage first, RgbImage second, float[] out, int offset) {
        Size size = first.size();
        if (!size.equals(second.size())) {
            throw new IllegalArgumentException("frames of one grid differ in size: " + size + " vs " + second.size());
        }
        if (size.height() % (PATCH * MERGE) != 0 || size.width() % (PATCH * MERGE) != 0) {
            throw new IllegalArgumentException("frame " + size + " is not a multiple of " + PATCH * MERGE);
        }
        int gh = gridH(size);
        int gw = gridW(size);
        int width = size.width();
        byte[][] frames = {first.rgb(), second.rgb()};
        int row = offset;
        for (int hb = 0; hb < gh; hb += MERGE) {
            for (int wb = 0; wb < gw; wb += MERGE) {
                for (int hi = 0; hi < MERGE; hi++) {
                    for (int wi = 0; wi < MERGE; wi++) {
                        int y0 = (hb + hi) * PATCH;
                        int x0 = (wb + wi) * PATCH;
                        writePatch(frames, width, y0, x0, out, row);
                        row += PATCH_DIM;
                    }
                }
            }
        }
    }

    /** One row: for c, for frame, for py, for px. */
    private static void writePatch(byte[][] frames, int width, int y0, int x0, float[] out, int pos) {
        for (int c = 0; c < 3; c++) {
            float[] levels = LEVELS[c];
            for (byte[] frame : frames) {
                for (int py = 0; py < PATCH; py++) {
                    int p = ((y0 + py) * width + x0) * 3 + c;
                    for (int px = 0; px < PATCH; px++, p += 3) {
                        out[pos++] = levels[frame[p] & 0xff];
                    }
                }
            }
        }
    }
}
