// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.decode;

/** Incremental detokenizer: returns the complete UTF-8 text a new token finishes (may be empty). */
public interface TextStream {

    String push(int tokenId);

    /** What is still held back at the end (an incomplete sequence decodes with replacement chars). */
    String flush();

    /** The tokenizer's streaming detokenizer as a TextStream. */
    static TextStream of(org.omnidesk.runtime.tokenizer.TokenStream tokens) {
        return new TextStream() {
            @Override
            public String push(int tokenId) {
                return tokens.push(tokenId);
            }

            @Override
            public String flush() {
                return tokens.finish();
            }
        };
    }
}
