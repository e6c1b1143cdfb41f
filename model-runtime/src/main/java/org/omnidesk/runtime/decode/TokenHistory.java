// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.decode;

import java.util.BitSet;

/**
 * The distinct ids seen so far (prompt and generated): what transformers' repetition penalty
 * gathers from {@code input_ids}. Order and multiplicity do not matter to the penalty.
 */
public final class TokenHistory {
    private final BitSet seen = new BitSet();

    public void add(long id) {
        seen.set(Math.toIntExact(id));
    }

    public void addAll(long[] ids) {
        for (long id : ids) {
            add(id);
        }
    }

    public boolean contains(int id) {
        return seen.get(id);
    }

    /** Next seen id at or after {@code from}, or -1. */
    int nextSeen(int from) {
        return seen.nextSetBit(from);
    }

    public TokenHistory copy() {
        TokenHistory c = new TokenHistory();
        c.seen.or(seen);
        return c;
    }
}
