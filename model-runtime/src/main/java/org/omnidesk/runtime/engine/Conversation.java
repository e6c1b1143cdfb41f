// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.engine;

import ai.onnxruntime.OrtException;
import java.util.Arrays;
import org.omnidesk.runtime.decode.DecoderGraph;
import org.omnidesk.runtime.decode.KvCache;
import org.omnidesk.runtime.decode.TokenHistory;
import org.omnidesk.runtime.prompt.RopeState;

/**
 * The mutable state of one conversation: the Thinker's KV cache, where TMRoPE stands, the ids seen
 * (the repetition penalty covers the whole conversation, as recomputing it would), whether the last
 * assistant turn still needs its {@code <|im_end|>\n}, and the Talker's context rows — for every
 * cached position H + E (final hidden + input embedding, media rows of E zeroed) with its 3-D
 * position — so a spoken answer in any turn sees the whole conversation, as transformers' Talker
 * does. Single-threaded (the inference thread).
 *
 * <p>Context policy: when a new turn would not fit in {@code max_positions} together with its
 * answer budget, the conversation is restarted with only that turn (its system prompt included);
 * a turn that does not fit even alone ends with CONTEXT_FULL.
 */
final class Conversation implements AutoCloseable {
    final KvCache cache;
    final int width;
    RopeState rope = RopeState.EMPTY;
    boolean assistantOpen;
    TokenHistory history = new TokenHistory();
    private float[] talkerRows = new float[0];                    // [S, D]
    private long[][] talkerPositions = {new long[0], new long[0], new long[0]}; // [3, S]
    private int rows;

    Conversation(DecoderGraph thinker) throws OrtException {
        this.cache = thinker.newCache();
        this.width = thinker.width();
    }

    boolean isEmpty() {
        return cache.length() == 0;
    }

    /** Appends Talker context rows [n, D] with their positions [3][n]. */
    void addTalkerRows(float[] newRows, long[][] positions) {
        int n = newRows.length / width;
        if (rows + n > talkerPositions[0].length) {
            int cap = Math.max(rows + n, 2 * talkerPositions[0].length);
            talkerRows = Arrays.copyOf(talkerRows, cap * width);
            for (int r = 0; r < 3; r++) {
                talkerPositions[r] = Arrays.copyOf(talkerPositions[r], cap);
            }
        }
        System.arraycopy(newRows, 0, talkerRows, rows * width, n * width);
        for (int r = 0; r < 3; r++) {
            System.arraycopy(positions[r], 0, talkerPositions[r], rows, n);
        }
        rows += n;
    }

    float[] talkerRows() {
        return Arrays.copyOf(talkerRows, rows * width);
    }

    long[][] talkerPositions() {
        long[][] out = new long[3][];
        for (int r = 0; r < 3; r++) {
            out[r] = Arrays.copyOf(talkerPositions[r], rows);
        }
        return out;
    }

    /** What a live turn returns to when it is aborted (the cache has its own checkpoint). */
    record Snapshot(RopeState rope, boolean assistantOpen, TokenHistory history, int rows, boolean empty) {}

    /** Checkpoints the cache and remembers the rest. */
    Snapshot snapshot() {
        cache.checkpoint();
        return new Snapshot(rope, assistantOpen, history.copy(), rows, isEmpty());
    }

    /** Back to {@code s}: the cache to its checkpoint, the Talker rows cut to their old count. */
    void restore(Snapshot s) {
        cache.restore();
        rope = s.rope();
        assistantOpen = s.assistantOpen();
        history = s.history();
        rows = s.rows();
    }

    void reset() {
        cache.clear();
        rope = RopeState.EMPTY;
        assistantOpen = false;
        history = new TokenHistory();
        rows = 0;
    }

    @Override
    public void close() {
        cache.close();
    }
}
