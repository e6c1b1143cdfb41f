// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code omnidesk tokenize} and {@code omnidesk prompt} against the reference data of ../shared/data. */
class PromptCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString().trim(), err.toString().trim());
    }

    private static Path shared(String relative) {
        Path p = Path.of(System.getProperty("omnidesk.shared", "../../shared")).resolve("data").resolve(relative);
        assertTrue(Files.exists(p), "reference data missing: " + p);
        return p;
    }

    private static void assertOneLineError(Run r, String... parts) {
        assertEquals(1, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        for (String part : parts) {
            assertTrue(r.err().contains(part), "'" + part + "' missing in: " + r.err());
        }
    }

    @Test
    void tokenizePrintsTheIdsAsJson() {
        // "Hello world" → 9707 1879 and "<|im_start|>" → 151644 (llama.cpp vectors, QWEN25_OMNI.md §1.2)
        Run r = run("tokenize", "--tokenizer", shared("tokenizer/tokenizer.json").toString(), "<|im_start|>Hello world");
        assertEquals(0, r.code(), r.err());
        assertEquals("[151644,9707,1879]", r.out());
    }

    @Test
    void tokenizeNeedsOneSource() {
        Run r = run("tokenize", "Hello");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--model") && r.err().contains("--tokenizer"), r.err());
    }

    @Test
    void aMissingModelFolderIsAOneLineError() {
        assertOneLineError(run("tokenize", "--model", tmp.resolve("nope").toString(), "Hi"),
                "model package folder not found");
    }

    @Test
    void rawIdsGiveTheReferencePositions() throws IOException {
        // the reference file itself is a valid raw request: input_ids [[...]], grids, lengths, flag
        Path req = shared("rope/video_audio_interleave_8s.json");
        Run r = run("prompt", "--json", req.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode expected = JSON.readTree(req.toFile());
        JsonNode got = JSON.readTree(r.out());
        assertEquals(expected.get("input_ids").get(0), got.get("input_ids"));
        for (int row = 0; row < 3; row++) {
            assertEquals(expected.get("position_ids").get(row).get(0), got.get("position_ids").get(row), "row " + row);
        }
        assertEquals(expected.get("rope_deltas").get(0).asLong(), got.get("rope_delta").asLong());
    }

    @Test
    void messagesGiveTheHuggingFaceProcessorIds() throws IOException {
        Path req = tmp.resolve("req.json");
        Files.writeString(req, "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image\", \"grid_thw\": [1, 4, 6]},"
                + " {\"type\": \"text\", \"text\": \"What is in this image?\"}]}], \"speech\": true, \"add_generation_prompt\": true}");
        Run r = run("prompt", "--json", req.toString(), "--tokenizer", shared("tokenizer/tokenizer.json").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode expected = JSON.readTree(shared("rope/text_image_1x4x6.json").toFile());
        JsonNode got = JSON.readTree(r.out());
        assertEquals(expected.get("input_ids").get(0), got.get("input_ids"));
        for (int row = 0; row < 3; row++) {
            assertEquals(expected.get("position_ids").get(row).get(0), got.get("position_ids").get(row), "row " + row);
        }
        assertEquals(-3, got.get("rope_delta").asLong());
    }

    @Test
    void videoWithSoundNeedsItsAudioFramesWhenTheFlagIsOn() throws IOException {
        Path req = tmp.resolve("req.json");
        Files.writeString(req, "{\"use_audio_in_video\": true, \"messages\": [{\"role\": \"user\", \"content\":"
                + " [{\"type\": \"video\", \"grid_thw\": [8, 8, 12], \"second_per_grid\": 1.0}]}]}");
        assertOneLineError(run("prompt", "--json", req.toString(), "--tokenizer",
                shared("tokenizer/tokenizer.json").toString()), "req.json", "messages[0].content[0]", "audio_frames");
    }

    @Test
    void mediaByPathIsRefusedWithTheSizeToGiveInstead() throws IOException {
        Path req = tmp.resolve("req.json");
        Files.writeString(req, "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image\", \"path\": \"cat.png\"}]}]}");
        assertOneLineError(run("prompt", "--json", req.toString(), "--tokenizer",
                shared("tokenizer/tokenizer.json").toString()), "messages[0].content[0]", "media front end", "grid_thw");
    }

    @Test
    void messagesWithoutATokenizerAreRefused() throws IOException {
        Path req = tmp.resolve("req.json");
        Files.writeString(req, "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}");
        assertOneLineError(run("prompt", "--json", req.toString()), "--model DIR or --tokenizer FILE");
    }

    @Test
    void aFlagThatContradictsTheIdsIsRefused() throws IOException {
        ObjectNode req = (ObjectNode) JSON.readTree(shared("rope/video_audio_interleave_8s.json").toFile());
        req.put("use_audio_in_video", false);
        Path file = tmp.resolve("raw.json");
        JSON.writeValue(file.toFile(), req);
        assertOneLineError(run("prompt", "--json", file.toString()), "use_audio_in_video is false");
    }
}
