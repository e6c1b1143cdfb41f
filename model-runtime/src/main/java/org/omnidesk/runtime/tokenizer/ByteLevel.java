// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * GPT-2's reversible byte ↔ printable character map ({@code bytes_to_unicode}): bytes that are
 * printable Latin-1 ('!'..'~', '¡'..'¬', '®'..'ÿ') map to themselves, the other 68 bytes to
 * U+0100 + n in byte order. Byte-level BPE vocabularies are written in these characters.
 */
final class ByteLevel {

    private static final int[] CHAR_TO_BYTE = new int[324];

    static {
        Arrays.fill(CHAR_TO_BYTE, -1);
        int n = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            CHAR_TO_BYTE[printable ? b : 256 + n++] = b;
        }
    }

    private ByteLevel() {
    }

    /**
     * The bytes a token string stands for. As Hugging Face's ByteLevel decoder does, a string with a
     * character outside the map (an added token such as {@code <|im_start|>} never has one, being ASCII)
     * stands for its own UTF-8 bytes.
     */
    static byte[] decode(String token) {
        byte[] out = new byte[token.length()];
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            int b = c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
            if (b < 0) {
                return token.getBytes(StandardCharsets.UTF_8);
            }
            out[i] = (byte) b;
        }
        return out;
    }
}
