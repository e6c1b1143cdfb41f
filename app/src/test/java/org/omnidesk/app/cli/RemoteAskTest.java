// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnidesk.app.testing.ServerReplies;
import org.omnidesk.app.testing.TestMedia;
import org.omnidesk.capture.io.Npy;
import org.omnidesk.runtime.remote.FakeOmniServer;
import org.omnidesk.runtime.remote.FfmpegCli;

/**
 * {@code omnidesk ask --remote URL --api-key-env VAR}: files through the real media front end, the
 * question to the loopback vLLM-Omni server, the streamed answer on stdout, its speech in
 * {@code --wav} and {@code --dump}, and faults as one line on stderr.
 */
class RemoteAskTest {

    record Run(int code, String out, String err) {}

    @TempDir
    Path dir;

    private static Run ask(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("ask"));
        all.addAll(args);
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    /** An environment variable this process really has, so --api-key-env reads a real environment. */
    private static Map.Entry<String, String> someVariable() {
        return System.getenv().entrySet().stream()
                .filter(e -> e.getValue().matches("[\\x21-\\x7e]{4,200}") && e.getKey().matches("[A-Z_][A-Z0-9_]*"))
                .findFirst().orElseThrow(() -> new AssertionError("the test needs one environment variable"));
    }

    private static byte[] media(JsonNode part, String type) {
        String url = part.path(type).path("url").asText();
        return Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1));
    }

    @Test
    void textImageAudioAndVideoQuestionsStreamTheAnswerAndWriteItsSpeech() throws Exception {
        Map.Entry<String, String> key = someVariable();
        Path image = TestMedia.image(dir, "card.png", 320, 240);
        Path tone = TestMedia.tone(dir, "question.wav", 1.0, 0);
        Path clip = TestMedia.video(dir, "clip.mp4", 2.0, 160, 120);
        List<List<String>> media = List.of(List.of(), List.of("--image", image.toString()),
                List.of("--audio", tone.toString()), List.of("--video", clip.toString(), "--audio-in-video"));
        try (FakeOmniServer server = new FakeOmniServer(ServerReplies.ANSWER)) {
            for (int i = 0; i < media.size(); i++) {
                Path wav = dir.resolve("answer" + i + ".wav");
                Path dump = dir.resolve("dump" + i);
                List<String> args = new ArrayList<>(List.of("--remote", server.url(), "--api-key-env", key.getKey(),
                        "--voice", "Chelsie", "--no-play", "--wav", wav.toString(), "--dump", dump.toString()));
                args.addAll(media.get(i));
                args.add("What is it?");
                Run r = ask(args);
                assertEquals(0, r.code(), r.err());
                assertEquals("It is fine." + System.lineSeparator(), r.out());
                assertTrue(r.err().startsWith("[stop: 12 prompt tokens, 3 new tokens,"), r.err());
                assertTrue(r.err().contains("20 speech codes"), r.err());
                assertArrayEquals(ServerReplies.answerSpeech16(), FfmpegCli.pcm16(wav), "the spoken answer in --wav");
                JsonNode result = new ObjectMapper().readTree(dump.resolve("result.json").toFile());
                assertEquals("It is fine.", result.path("text").asText());
                assertEquals("stop", result.path("finish_reason").asText());
                assertEquals(9600, Npy.readFloat32(dump.resolve("waveform.npy")).data().length);
            }

            List<FakeOmniServer.Request> sent = server.requests();
            assertEquals(4, sent.size());
            sent.forEach(r -> assertEquals("Bearer " + key.getValue(), r.header("Authorization")));
            List<List<String>> types = new ArrayList<>();
            for (FakeOmniServer.Request r : sent) {
                List<String> t = new ArrayList<>();
                r.json().path("messages").get(1).path("content").forEach(p -> t.add(p.path("type").asText()));
                types.add(t);
                assertEquals("Chelsie", r.json().path("voice").asText());
            }
            assertEquals(List.of(List.of("text"), List.of("image_url", "text"), List.of("audio_url", "text"),
                    List.of("video_url", "text")), types);

            JsonNode png = sent.get(1).json().path("messages").get(1).path("content").get(0);
            var picture = ImageIO.read(new ByteArrayInputStream(media(png, "image_url")));
            assertEquals(List.of(308, 252), List.of(picture.getWidth(), picture.getHeight()), "smart_resize of 320x240");
            Path upload = Files.write(dir.resolve("upload.wav"),
                    media(sent.get(2).json().path("messages").get(1).path("content").get(0), "audio_url"));
            assertEquals(16_000, FfmpegCli.pcm16(upload).length, "1 s at 16 kHz");
            JsonNode video = sent.get(3).json();
            assertTrue(video.path("mm_processor_kwargs").path("use_audio_in_video").asBoolean());
            Path avi = Files.write(dir.resolve("upload.avi"), media(video.path("messages").get(1).path("content").get(0),
                    "video_url"));
            JsonNode streams = FfmpegCli.streams(avi);
            assertEquals(4, streams.get(0).path("nb_read_frames").asInt(), "2 s at 2 fps, sampled locally");
            assertEquals(List.of(392, 280), List.of(streams.get(0).path("width").asInt(), streams.get(0).path("height").asInt()));
            assertEquals(32_000, FfmpegCli.pcm16(avi).length, 320, "the clip's 2 s of sound");
        }
    }

    @Test
    void aRefusedKeyOrAnUnreachableServerIsOneLineAndExitCode1() throws Exception {
        try (FakeOmniServer server = new FakeOmniServer(FakeOmniServer.status(401, "{\"error\":\"Unauthorized\"}"))) {
            Run r = ask(List.of("--remote", server.url(), "--no-speech", "Hello?"));
            assertEquals(1, r.code());
            assertEquals("", r.out());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("omnidesk: The server 127.0.0.1:" + server.port() + " answered HTTP 401"), r.err());
            assertEquals(1, server.requests().size());
        }
        Run refused = ask(List.of("--remote", "http://127.0.0.1:9/v1", "--no-speech", "Hello?"));
        assertEquals(1, refused.code());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
        assertTrue(refused.err().startsWith("omnidesk: Cannot connect to the server 127.0.0.1:9"), refused.err());
    }

    @Test
    void withoutRemoteTheModelFolderIsRequired() {
        Run r = ask(List.of("--no-speech", "Hello?"));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--model") && r.err().contains("--remote"), r.err());
    }
}
