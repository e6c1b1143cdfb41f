// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.omnidesk.runtime.testing.SharedData;

/**
 * Every case of llama.cpp's ggml-vocab-qwen2.gguf.inp/.out. Format (llama.cpp test-tokenizer-0):
 * the .inp holds the test strings, each followed by the line "__ggml_vocab_test__" (split on
 * "\n__ggml_vocab_test__\n", the last empty piece dropped); the .out holds one line of
 * space-separated ids per case, in the same order (an empty line for the empty string).
 */
class TokenizerVectorsTest {

    private static Tokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = Tokenizer.load(SharedData.tokenizerJson());
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    static Stream<Arguments> vectors() throws IOException {
        String inp = Files.readString(SharedData.path("tokenizer/ggml-vocab-qwen2.gguf.inp"), StandardCharsets.UTF_8);
        List<String> texts = new ArrayList<>(Arrays.asList(inp.split("\n__ggml_vocab_test__\n", -1)));
        assertEquals("", texts.remove(texts.size() - 1), "the .inp ends with a separator");
        List<String> outs = Files.readAllLines(SharedData.path("tokenizer/ggml-vocab-qwen2.gguf.out"));
        assertEquals(46, texts.size());
        assertEquals(texts.size(), outs.size(), "one line of ids per test string");
        List<Arguments> cases = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            long[] ids = outs.get(i).isBlank() ? new long[0]
                    : Arrays.stream(outs.get(i).trim().split(" +")).mapToLong(Long::parseLong).toArray();
            cases.add(Arguments.of(i, texts.get(i), ids));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("vectors")
    void encodesExactlyAsLlamaCppExpects(int index, String text, long[] expected) {
        assertArrayEquals(expected, tokenizer.encode(text), () -> "case " + index + ": " + escape(text));
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("vectors")
    void decodingGivesBackTheNfcText(int index, String text, long[] expected) {
        assertEquals(Normalizer.normalize(text, Normalizer.Form.NFC), tokenizer.decode(expected, false),
                () -> "case " + index);
    }

    private static String escape(String s) {
        return s.replace("\n", "\\n").replace("\t", "\\t");
    }
}
