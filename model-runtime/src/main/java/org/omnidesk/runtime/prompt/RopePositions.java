// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.prompt;

/**
 * TMRoPE position ids of a block of tokens: {@code ids[0]} temporal, {@code ids[1]} height,
 * {@code ids[2]} width, each of the block's length ([3, S]; the decoder takes them as [3, 1, S]),
 * and the state after the block.
 */
public record RopePositions(long[][] ids, RopeState state) {

    public RopePositions {
        if (ids.length != 3 || ids[0].length != ids[1].length || ids[0].length != ids[2].length) {
            throw new IllegalArgumentException("position ids must be [3, S]");
        }
    }

    public int length() {
        return ids[0].length;
    }
}
