// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.tokenizer;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 decoding with U+FFFD for malformed bytes (Python's {@code errors="replace"}), in one go or
 * incrementally: an incremental decoder keeps an incomplete trailing sequence for the next bytes.
 */
final class Utf8 {

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer pending = ByteBuffer.allocate(64);  // bytes not yet decoded, in read mode

    Utf8() {
        pending.flip();
    }

    static String decode(byte[] bytes) {
        Utf8 utf8 = new Utf8();
        return utf8.push(bytes) + utf8.finish();
    }

    /** Decodes what is complete of the bytes so far; an incomplete trailing character waits. */
    String push(byte[] bytes) {
        append(bytes);
        return run(false);
    }

    /** Decodes the rest; an incomplete trailing character becomes U+FFFD. */
    String finish() {
        String rest = run(true);
        decoder.reset();
        return rest;
    }

    private void append(byte[] bytes) {
        pending.compact(); // write mode, the undecoded bytes moved to the start
        if (pending.remaining() < bytes.length) {
            ByteBuffer grown = ByteBuffer.allocate(pending.position() + bytes.length + 64);
            pending.flip();
            grown.put(pending);
            pending = grown;
        }
        pending.put(bytes).flip();
    }

    private String run(boolean end) {
        CharBuffer out = CharBuffer.allocate(pending.remaining() + 4);
        CoderResult result = decoder.decode(pending, out, end);
        if (end) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            try {
                result.throwException();
            } catch (CharacterCodingException e) {
                throw new IllegalStateException("a replacing decoder does not fail", e);
            }
        }
        return out.flip().toString();
    }
}
