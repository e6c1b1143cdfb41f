// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.tokenizer;

/**
 * Turns generated ids into text as they come. A byte-level token may end inside a multi-byte UTF-8
 * character (an emoji often spans two or three tokens), so the incomplete tail is held back until
 * the token that completes it arrives; only complete characters are returned. Everything returned
 * by {@link #push} and then {@link #finish} equals {@link Tokenizer#decode} of all the ids.
 * Single-threaded: one stream per generation.
 */
public final class TokenStream {

    private final ByteLevelVocab vocab;
    private final boolean skipSpecial;
    private final Utf8 utf8 = new Utf8();

    TokenStream(ByteLevelVocab vocab, boolean skipSpecial) {
        this.vocab = vocab;
        this.skipSpecial = skipSpecial;
    }

    /** Adds one id; returns the newly complete text, possibly empty. */
    public String push(long id) {
        if (skipSpecial && vocab.isSpecial(id)) {
            return "";
        }
        return utf8.push(vocab.bytes(id));
    }

    /** Ends the stream: returns what is left, an incomplete character as U+FFFD. */
    public String finish() {
        return utf8.finish();
    }
}
