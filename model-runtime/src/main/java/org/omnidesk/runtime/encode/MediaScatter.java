// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.encode;

/**
 * Puts encoder rows into the prompt's embeddings the way transformers' masked_scatter does: per
 * modality, the k-th placeholder token (in prompt order) takes the k-th row of the concatenated
 * encoder outputs of that modality (items in message order). Audio-in-video interleaving needs
 * nothing special: its audio and video tokens are still each in order.
 */
public final class MediaScatter {

    private MediaScatter() {
    }

    /**
     * Overwrites in {@code embeds} [S, D] every row whose id is {@code placeholder} with the next
     * row of {@code rows} [n, D]; fails unless exactly n placeholders exist.
     */
    public static void scatter(long[] ids, float[] embeds, int width, long placeholder, float[] rows, String what) {
        int n = rows.length / width;
        int k = 0;
        for (int p = 0; p < ids.length; p++) {
            if (ids[p] == placeholder) {
                if (k == n) {
                    throw new IllegalStateException(what + ": prompt has more placeholders than the encoder's " + n + " rows");
                }
                System.arraycopy(rows, k * width, embeds, p * width, width);
                k++;
            }
        }
        if (k != n) {
            throw new IllegalStateException(what + ": encoder gave " + n + " rows for " + k + " placeholders");
        }
    }
}
