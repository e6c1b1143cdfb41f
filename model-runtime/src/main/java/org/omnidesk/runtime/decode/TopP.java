// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.decode;

import java.util.Arrays;

/**
 * transformers' TopPLogitsWarper: sort ascending, cumulative softmax, remove entries whose
 * cumulative probability is ≤ 1 − p, never the last (best) one. Ties are ordered by index like a
 * stable sort; only finite logits take part (earlier steps removed the rest).
 */
final class TopP implements LogitsProcessor {
    private final float p;
    private long[] keys = new long[0]; // (sortable float bits << 32 | index) of the finite logits

    TopP(float p) {
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("top-p must be in (0, 1], got " + p);
        }
        this.p = p;
    }

    @Override
    public void process(float[] logits, TokenHistory history) {
        if (p >= 1f) {
            return;
        }
        int n = 0;
        if (keys.length < logits.length) {
            keys = new long[logits.length];
        }
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < logits.length; i++) {
            if (logits[i] != Float.NEGATIVE_INFINITY) {
                keys[n++] = ((long) sortable(logits[i]) << 32) | i;
                max = Math.max(max, logits[i]);
            }
        }
        Arrays.sort(keys, 0, n);
        double total = 0;
        for (int j = 0; j < n; j++) {
            total += Math.exp(logits[(int) keys[j]] - max);
        }
        double cumulative = 0;
        double cut = 1.0 - p;
        for (int j = 0; j < n - 1; j++) {
            int i = (int) keys[j];
            cumulative += Math.exp(logits[i] - max) / total;
            if (cumulative > cut) {
                break;
            }
            logits[i] = Float.NEGATIVE_INFINITY;
        }
    }

    /** Maps a float to an int whose signed order is the float's order. */
    private static int sortable(float f) {
        int bits = Float.floatToIntBits(f);
        return bits >= 0 ? bits : bits ^ 0x7fffffff;
    }
}
