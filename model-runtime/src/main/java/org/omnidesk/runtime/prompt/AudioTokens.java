// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.prompt;

/** How many audio-encoder rows (and {@code <|AUDIO|>} tokens) an audio of L mel frames gives. */
public final class AudioTokens {

    private AudioTokens() {
    }

    /**
     * N = ((L−1) div 2 + 1 − 2) div 2 + 1 with Python's floor division (conv stride 2, then pool 2):
     * 100 frames (1 s) → 25, 1100 → 275; fewer than 3 frames → 0.
     */
    public static int count(int melFrames) {
        return Math.floorDiv(Math.floorDiv(melFrames - 1, 2) + 1 - 2, 2) + 1;
    }

    /** {@link #count}, refusing an audio too short to give a single token. */
    public static int require(int melFrames) {
        int n = count(melFrames);
        if (n < 1) {
            throw new IllegalArgumentException("an audio of " + melFrames + " mel frames is too short: it needs"
                    + " at least 3 frames (30 ms) to give one token");
        }
        return n;
    }
}
