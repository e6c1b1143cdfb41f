// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.speech;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The utterance's one noise buffer [N, melDim]: mel frame i (absolute) always takes row i, in
 * streaming and non-streaming mode alike. Injected rows are used as given; otherwise rows are
 * drawn from a seeded standard normal as they are first needed (so chunking cannot change them).
 */
public final class NoiseRows {
    private final int melDim;
    private final SplittableRandom random;
    private float[] rows;
    private int filled; // rows available

    private NoiseRows(int melDim, float[] rows, SplittableRandom random) {
        this.melDim = melDim;
        this.rows = rows;
        this.filled = rows.length / melDim;
        this.random = random;
    }

    public static NoiseRows injected(float[] rows, int melDim) {
        if (rows.length % melDim != 0) {
            throw new IllegalArgumentException("noise must be [N, " + melDim + "], got " + rows.length + " values");
        }
        return new NoiseRows(melDim, rows, null);
    }

    public static NoiseRows seeded(long seed, int melDim) {
        return new NoiseRows(melDim, new float[0], new SplittableRandom(seed));
    }

    /** Rows [from, from + count) as a fresh [count, melDim] array. */
    public float[] rows(int from, int count) {
        int end = from + count;
        if (end > filled) {
            if (random == null) {
                throw new IllegalArgumentException("the injected noise has " + filled + " rows; this utterance needs "
                        + end + " (2 × codes)");
            }
            rows = Arrays.copyOf(rows, Math.max(end, 2 * filled) * melDim);
            for (int i = filled * melDim; i < rows.length; i++) {
                rows[i] = (float) random.nextGaussian();
            }
            filled = rows.length / melDim;
        }
        return Arrays.copyOfRange(rows, from * melDim, end * melDim);
    }
}
