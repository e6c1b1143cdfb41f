// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.vision;

/** A {@link PatchSink} that gathers the whole {@code pixel_values} [t·h·w, 1176] in one array. */
public final class PatchArray implements PatchSink {

    private float[] values;
    private int gridT;
    private int gridH;
    private int gridW;

    @Override
    public void begin(int t, int h, int w) {
        long count = (long) t * h * w * Patchify.PATCH_DIM;
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("pixel_values of " + t + "x" + h + "x" + w
                    + " patches does not fit one array; stream it to a file instead");
        }
        values = new float[(int) count];
        gridT = t;
        gridH = h;
        gridW = w;
    }

    @Override
    public void grid(int t, float[] rows) {
        System.arraycopy(rows, 0, values, t * rows.length, rows.length);
    }

    /** [t·h·w, 1176] row-major. */
    public float[] values() {
        return values;
    }

    public int gridT() {
        return gridT;
    }

    public int gridH() {
        return gridH;
    }

    public int gridW() {
        return gridW;
    }
}
