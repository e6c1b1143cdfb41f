// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnidesk.runtime.pkg.ModelPackageException;
import org.omnidesk.runtime.testing.SharedData;

class TokenizerTest {

    // Ids from QWEN25_OMNI.md §1.2 and the reference special_tokens.json.
    private static final long IM_START = 151644;
    private static final long IM_END = 151645;
    private static Tokenizer tok;

    @BeforeAll
    static void load() {
        tok = Tokenizer.load(SharedData.tokenizerJson());
    }

    @AfterAll
    static void close() {
        tok.close();
    }

    @Test
    void specialTokensAreSplitOutFirstAndMatchedVerbatim() {
        long[] ids = tok.encode("<|im_start|>user\nHello world<|im_end|>");
        // "user" 872 and "\n" 198 per QWEN25_OMNI.md §1.2; "Hello world" = 9707 1879 per the llama.cpp vectors
        assertArrayEquals(new long[] {IM_START, 872, 198, 9707, 1879, IM_END}, ids);
        assertEquals(151646, tok.addedTokenId("<|AUDIO|>"));
        assertEquals(151656, tok.addedTokenId("<|VIDEO|>"));
        assertTrue(tok.isSpecial(IM_END));
        assertFalse(tok.isSpecial(9707));
    }

    @Test
    void textIsNfcNormalisedBeforeBpe() {
        String composed = "caf\u00e9 \u00c5ngstr\u00f6m";
        String decomposed = "cafe\u0301 A\u030angstro\u0308m";
        assertArrayEquals(tok.encode(composed), tok.encode(decomposed));
    }

    @Test
    void longTextIsNeverTruncated() {
        // "Hello" then 999 times " Hello": 9707 then 21927 each (llama.cpp vectors "Hello" / " Hello")
        long[] ids = tok.encode("Hello" + " Hello".repeat(999));
        assertEquals(1000, ids.length);
        assertEquals(9707, ids[0]);
        assertEquals(21927, ids[999]);
    }

    @Test
    void decodeSkipsSpecialTokensForDisplayOnly() {
        long[] ids = {IM_START, 872, 198, 9707, 1879, IM_END};
        assertEquals("<|im_start|>user\nHello world<|im_end|>", tok.decode(ids, false));
        assertEquals("user\nHello world", tok.decode(ids, true));
    }

    @Test
    void streamHoldsBackASplitCharacterAndEmitsItWhole() {
        // " this is 🦙.cpp" = 419 374 11162 99 247 13 10821 (llama.cpp vectors): the llama emoji U+1F999
        // (F0 9F A6 99) is spread over 11162 (" " + F0 9F), 99 (A6) and 247 (99).
        long[] ids = {419, 374, 11162, 99, 247, 13, 10821};
        TokenStream stream = tok.stream(true);
        List<String> pieces = new ArrayList<>();
        for (long id : ids) {
            pieces.add(stream.push(id));
        }
        pieces.add(stream.finish());
        assertEquals(List.of(" this", " is", " ", "", "\uD83E\uDD99", ".", "cpp", ""), pieces);
        assertEquals(tok.decode(ids, true), String.join("", pieces));
    }

    @Test
    void streamAndDecodeAgreeTokenByTokenOnMixedScripts() {
        String text = "Hello, y'all! How are you 😁 ?我想在apple工作1314151天～ <|im_end|> ⚡️ Ä";
        long[] ids = tok.encode(text);
        StringBuilder streamed = new StringBuilder();
        TokenStream stream = tok.stream(false);
        for (long id : ids) {
            String piece = stream.push(id);
            assertFalse(piece.contains("\uFFFD"), "a piece holds a broken character: " + piece);
            streamed.append(piece);
        }
        streamed.append(stream.finish());
        assertEquals(text, streamed.toString());
    }

    @Test
    void aStreamEndingInsideACharacterEndsWithTheReplacementCharacter() {
        TokenStream stream = tok.stream(true);
        assertEquals(" ", stream.push(11162)); // " " + the first two bytes of a 4-byte character
        assertEquals("\uFFFD", stream.finish());
    }

    @Test
    void tokenBytesAreTheByteLevelBytes() {
        assertArrayEquals(new byte[] {' ', (byte) 0xF0, (byte) 0x9F}, tok.tokenBytes(11162));
        assertArrayEquals("<|im_end|>".getBytes(StandardCharsets.US_ASCII), tok.tokenBytes(IM_END));
    }

    @Test
    void aFileThatIsNotATokenizerIsRefusedNamingIt(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("tokenizer.json");
        Files.writeString(bad, "{\"model\": {\"vocab\": 3}}");
        ModelPackageException e = assertThrows(ModelPackageException.class, () -> Tokenizer.load(bad));
        assertTrue(e.getMessage().contains("tokenizer.json"), e.getMessage());
    }
}
