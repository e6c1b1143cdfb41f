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
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code omnidesk tokenize} and {@code omnidesk prompt} against the reference data of ../shared/data. */
class PromptCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path tinyCopy;

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

    /**
     * The tiny reference package's golden prompts (packaging/export/tiny/goldens, computed by an
     * independent Python tokenizer/ChatML/get_rope_index) through {@code prompt --model}: text, image,
     * audio, video with its sound, and two turns, all with speech on.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text_only", "text_image", "text_audio", "video_audio", "two_turns"})
    void theTinyPackageGoldenPromptsComeOutExactly(String scenario) throws IOException {
        Path root = Path.of(System.getProperty("omnidesk.root", ".."));
        JsonNode golden = JSON.readTree(root.resolve("packaging/export/tiny/goldens/" + scenario + ".json").toFile());
        Path req = tmp.resolve(scenario + ".json");
        JSON.writeValue(req.toFile(), golden.get("request"));
        Run r = run("prompt", "--json", req.toString(), "--model", tinyCopy.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode got = JSON.readTree(r.out());
        assertEquals(golden.get("input_ids"), got.get("input_ids"));
        assertEquals(golden.get("position_ids"), got.get("position_ids"));
        assertEquals(golden.get("rope_delta"), got.get("rope_delta"));
    }

    /** One copy of the tiny package for the class, so that the SHA-256 cache is written outside the source tree. */
    @BeforeAll
    static void copyTinyPackage(@TempDir Path shared) throws IOException {
        Path from = Path.of(System.getProperty("omnidesk.root", "..")).resolve("packaging/export/tiny/package");
        Path to = shared.resolve("tiny");
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else if (!p.getFileName().toString().startsWith(".")) {
                    Files.copy(p, dest);
                }
            }
        }
        tinyCopy = to;
    }

    /** A bad chat request with --tokenizer: a one-line error naming the file, the item and what to give. */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{'use_audio_in_video': true, 'messages': [{'role': 'user', 'content': [{'type': 'video',"
            + " 'grid_thw': [8, 8, 12], 'second_per_grid': 1.0}]}]} | audio_frames",
        "{'messages': [{'role': 'user', 'content': [{'type': 'image', 'path': 'cat.png'}]}]} | cat.png not found",
        "{'messages': [{'role': 'user', 'content': [{'type': 'audio', 'frames': 2}]}]} | too short",
        "{'messages': [{'role': 'robot', 'content': 'Hi'}]} | role must be"})
    void badChatRequestsAreOneLineErrors(String request, String expected) throws IOException {
        Path req = tmp.resolve("req.json");
        Files.writeString(req, request.replace('\'', '"'));
        assertOneLineError(run("prompt", "--json", req.toString(), "--tokenizer",
                shared("tokenizer/tokenizer.json").toString()), "req.json", "messages[0]", expected);
    }

    @Test
    void anImageGivenByPathIsMeasuredByTheMediaFrontEnd() throws IOException {
        // The reference resize of grad_300x451.png is 308 x 448 (shared/data/vision): grid 22 x 32 -> 176 <|IMAGE|>.
        Path req = tmp.resolve("by-path.json");
        Files.writeString(req, "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image\", \"path\": "
                + JSON.writeValueAsString(shared("vision/grad_300x451.png").toString())
                + "}, {\"type\": \"text\", \"text\": \"What is this?\"}]}]}");
        Run r = run("prompt", "--json", req.toString(), "--tokenizer", shared("tokenizer/tokenizer.json").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode out = JSON.readTree(r.out());
        int images = 0;
        for (JsonNode id : out.get("input_ids")) {
            images += id.asLong() == 151655 ? 1 : 0;
        }
        assertEquals(176, images);
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
