// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.tokenizer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The id → bytes table of a byte-level BPE {@code tokenizer.json}, for decoding: each regular token's
 * characters map back to bytes through GPT-2's {@code bytes_to_unicode} table; added tokens are their
 * content. Also records which added tokens are special (skipped for display) and the normalizer type.
 */
final class ByteLevelVocab {

    private static final byte[] NONE = new byte[0];

    private final byte[][] bytes;           // [id] -> token bytes; NONE for ids the file does not define
    private final boolean[] special;        // [id] -> added token marked special
    private final Map<String, Long> added;  // added token content -> id
    private final String normalizer;

    private ByteLevelVocab(byte[][] bytes, boolean[] special, Map<String, Long> added, String normalizer) {
        this.bytes = bytes;
        this.special = special;
        this.added = added;
        this.normalizer = normalizer;
    }

    static ByteLevelVocab read(Path tokenizerJson) throws IOException {
        Map<String, Integer> vocab = new HashMap<>();
        Map<Integer, String> addedById = new HashMap<>();
        Map<Integer, Boolean> specialById = new HashMap<>();
        String normalizer = "none";
        try (JsonParser p = new JsonFactory().createParser(tokenizerJson.toFile())) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "added_tokens" -> readAdded(p, addedById, specialById);
                    case "normalizer" -> normalizer = readType(p);
                    case "model" -> readModel(p, vocab);
                    default -> p.skipChildren();
                }
            }
        }
        int size = 0;
        for (int id : vocab.values()) {
            size = Math.max(size, id + 1);
        }
        for (int id : addedById.keySet()) {
            size = Math.max(size, id + 1);
        }
        byte[][] bytes = new byte[size][];
        Arrays.fill(bytes, NONE);
        boolean[] special = new boolean[size];
        vocab.forEach((token, id) -> bytes[id] = ByteLevel.decode(token));
        Map<String, Long> added = new HashMap<>();
        addedById.forEach((id, content) -> {
            bytes[id] = ByteLevel.decode(content);
            special[id] = specialById.get(id);
            added.put(content, (long) id);
        });
        return new ByteLevelVocab(bytes, special, Map.copyOf(added), normalizer);
    }

    private static void readAdded(JsonParser p, Map<Integer, String> content, Map<Integer, Boolean> special)
            throws IOException {
        expect(p.currentToken(), JsonToken.START_ARRAY);
        while (p.nextToken() == JsonToken.START_OBJECT) {
            Integer id = null;
            String text = null;
            boolean isSpecial = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "id" -> id = p.getIntValue();
                    case "content" -> text = p.getText();
                    case "special" -> isSpecial = p.getBooleanValue();
                    default -> p.skipChildren();
                }
            }
            if (id == null || text == null) {
                throw new IOException("an added token lacks its id or content");
            }
            content.put(id, text);
            special.put(id, isSpecial);
        }
    }

    /** The {@code type} of a {@code {"type": ...}} object (or of each step of a Sequence, joined by '+'). */
    private static String readType(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return "none";
        }
        StringBuilder type = new StringBuilder();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("type")) {
                type.append(type.length() == 0 ? "" : "+").append(p.getText());
            } else if (field.equals("normalizers") && p.currentToken() == JsonToken.START_ARRAY) {
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    type.append('+').append(readType(p));
                }
            } else {
                p.skipChildren();
            }
        }
        return type.toString();
    }

    private static void readModel(JsonParser p, Map<String, Integer> vocab) throws IOException {
        expect(p.currentToken(), JsonToken.START_OBJECT);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("vocab")) {
                expect(p.currentToken(), JsonToken.START_OBJECT);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String token = p.currentName();
                    p.nextToken();
                    vocab.put(token, p.getIntValue());
                }
            } else {
                p.skipChildren();
            }
        }
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + ", found " + actual);
        }
    }

    /** Bytes of a token; empty for an id the tokenizer does not define (HF skips those when decoding). */
    byte[] bytes(long id) {
        return id >= 0 && id < bytes.length ? bytes[(int) id] : NONE;
    }

    boolean isSpecial(long id) {
        return id >= 0 && id < special.length && special[(int) id];
    }

    Long addedTokenId(String content) {
        return added.get(content);
    }

    int size() {
        return bytes.length;
    }

    String normalizer() {
        return normalizer;
    }
}
