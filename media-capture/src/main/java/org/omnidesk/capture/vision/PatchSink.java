// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.vision;

import java.io.IOException;

/**
 * Receives {@code pixel_values} one temporal grid at a time, so a long video never holds its whole
 * [t·h·w, 1176] tensor (2 GB for an hour) on the heap.
 */
public interface PatchSink {

    /** Called once before any grid: the grid shape (t, h, w) in patches. */
    void begin(int gridT, int gridH, int gridW) throws IOException;

    /**
     * Grid {@code t} as [h·w, 1176] rows. The array is reused for the next grid: copy what you keep.
     */
    void grid(int t, float[] rows) throws IOException;
}
