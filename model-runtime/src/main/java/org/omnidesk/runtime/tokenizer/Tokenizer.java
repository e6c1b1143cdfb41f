// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.omnidesk.runtime.pkg.ModelPackageException;

/**
 * The Qwen2 byte-level BPE tokenizer of a package's {@code tokenizer.json}. Encoding runs Hugging
 * Face tokenizers (through DJL, natives bundled): special/added tokens are split out first and
 * matched verbatim, the rest is NFC-normalised, pre-tokenised with Qwen2's regex and BPE-merged.
 * Decoding maps ids back to bytes from the same file and decodes UTF-8 with replacement, as the
 * ByteLevel decoder does. Thread-safe; close it to free the native tokenizer.
 *
 * <pre>{@code
 * try (Tokenizer tok = Tokenizer.load(pkg.tokenizerFile())) {
 *     long[] ids = tok.encode("Hello world");          // [9707, 1879]
 *     String text = tok.decode(ids, true);
 * }
 * }</pre>
 */
public final class Tokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer encoder;
    private final ByteLevelVocab vocab;

    private Tokenizer(HuggingFaceTokenizer encoder, ByteLevelVocab vocab) {
        this.encoder = encoder;
        this.vocab = vocab;
    }

    /** Loads {@code tokenizer.json}; it must be a byte-level BPE file with the NFC normaliser (Qwen2). */
    public static Tokenizer load(Path tokenizerJson) {
        String shown = tokenizerJson.getFileName().toString();
        ByteLevelVocab vocab;
        try {
            vocab = ByteLevelVocab.read(tokenizerJson);
        } catch (IOException e) {
            throw new ModelPackageException(tokenizerJson + ": cannot be read as a Hugging Face tokenizer.json ("
                    + e.getMessage() + "); re-export or re-download the model package", e);
        }
        if (!vocab.normalizer().contains("NFC")) {
            throw new ModelPackageException(shown + ": its normalizer is '" + vocab.normalizer() + "', a Qwen2"
                    + " tokenizer normalises to NFC; use the tokenizer.json of Qwen2.5-Omni");
        }
        // Hugging Face defaults, not DJL's: no truncation to 512, no padding, no post-processor tokens.
        Map<String, String> options = Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false");
        try {
            return new Tokenizer(HuggingFaceTokenizer.newInstance(tokenizerJson, options), vocab);
        } catch (IOException | RuntimeException e) {
            throw new ModelPackageException(tokenizerJson + ": the tokenizer library refuses it (" + e.getMessage()
                    + "); re-export or re-download the model package", e);
        }
    }

    /** Token ids of {@code text}; special-token strings in it (e.g. {@code <|im_start|>}) become their ids. */
    public long[] encode(String text) {
        return encoder.encode(text).getIds();
    }

    /** Text of {@code ids}; with {@code skipSpecial} the special tokens are left out (the text users see). */
    public String decode(long[] ids, boolean skipSpecial) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long id : ids) {
            if (!(skipSpecial && vocab.isSpecial(id))) {
                out.writeBytes(vocab.bytes(id));
            }
        }
        return Utf8.decode(out.toByteArray());
    }

    /** A streaming detokenizer: feeds ids one at a time and returns only complete characters. */
    public TokenStream stream(boolean skipSpecial) {
        return new TokenStream(vocab, skipSpecial);
    }

    /** The raw bytes one token stands for (a byte-level token may hold part of a UTF-8 character). */
    public byte[] tokenBytes(long id) {
        return vocab.bytes(id).clone();
    }

    public boolean isSpecial(long id) {
        return vocab.isSpecial(id);
    }

    /** The id of an added token such as {@code <|im_start|>}. */
    public long addedTokenId(String content) {
        Long id = vocab.addedTokenId(content);
        if (id == null) {
            throw new ModelPackageException("tokenizer.json has no token '" + content + "'; use the tokenizer.json"
                    + " of Qwen2.5-Omni");
        }
        return id;
    }

    /** One more than the largest id the file defines (regular and added tokens). */
    public int size() {
        return vocab.size();
    }

    @Override
    public void close() {
        encoder.close();
    }
}
