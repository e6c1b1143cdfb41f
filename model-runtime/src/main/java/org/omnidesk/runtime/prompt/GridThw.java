// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.prompt;

/** A vision grid in 14-px patches: t temporal grids (frame pairs; 1 for an image), h rows, w columns. */
public record GridThw(int t, int h, int w) {

    public GridThw {
        if (t < 1 || h < 1 || w < 1) {
            throw new IllegalArgumentException("grid_thw must be positive, got [" + t + ", " + h + ", " + w + "]");
        }
    }

    /** Tokens after the merger: t·h·w / merge². */
    public int tokens(int merge) {
        if (h % merge != 0 || w % merge != 0) {
            throw new IllegalArgumentException("grid_thw [" + t + ", " + h + ", " + w + "]: h and w must be"
                    + " multiples of the spatial merge " + merge);
        }
        return t * (h / merge) * (w / merge);
    }

    @Override
    public String toString() {
        return t + "x" + h + "x" + w;
    }
}
