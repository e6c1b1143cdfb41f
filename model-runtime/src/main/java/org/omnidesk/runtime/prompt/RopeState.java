// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.prompt;

/**
 * Where TMRoPE stands after the tokens already in a KV cache.
 *
 * @param length        tokens in the cache
 * @param lastBlockMax  max position of the last block get_rope_index appended (the next text token
 *                      of the same walk gets {@code lastBlockMax + 1}); -1 for an empty cache
 * @param maxPosition   max position of all tokens so far; -1 for an empty cache
 * @param ropeDelta     transformers' {@code rope_deltas} of the last prefill: max + 1 − length
 */
public record RopeState(long length, long lastBlockMax, long maxPosition, long ropeDelta) {

    public static final RopeState EMPTY = new RopeState(0, -1, -1, 0);

    /**
     * Position (the same in T, H and W) of the next generated token: cache length + rope_delta, as
     * transformers' generate computes it for every decode step.
     */
    public long decodePosition() {
        return length + ropeDelta;
    }

    /**
     * The state after feeding {@code tokens} generated text tokens one by one at
     * {@link #decodePosition()}. rope_delta stays that of the prefill, as in generate; the walk goes
     * on as text, so a later turn continues exactly as get_rope_index over the whole conversation.
     */
    public RopeState afterDecode(int tokens) {
        long last = lastBlockMax + tokens;
        return new RopeState(length + tokens, last, Math.max(maxPosition, last), ropeDelta);
    }
}
