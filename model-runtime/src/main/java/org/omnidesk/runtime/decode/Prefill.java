// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.decode;

/**
 * Rows to pre-fill after what the cache holds: {@code ids} [S], their embeddings [S, D] (media
 * rows already scattered in), 3-D positions [3][S], and the position the first generated token
 * takes (max position + 1, i.e. cache length + rope_delta).
 */
public record Prefill(long[] ids, float[] embeds, long[][] positions, long nextPosition) {
    public Prefill {
        if (ids.length == 0 || positions.length != 3 || positions[0].length != ids.length
                || embeds.length % ids.length != 0) {
            throw new IllegalArgumentException("prompt needs S ids, [S, D] embeds and [3, S] positions");
        }
    }
}
