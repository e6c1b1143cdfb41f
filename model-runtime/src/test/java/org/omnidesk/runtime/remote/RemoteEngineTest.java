// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnidesk.runtime.api.AssistantEvent;
import org.omnidesk.runtime.api.EngineOptions;
import org.omnidesk.runtime.api.EngineProvider;
import org.omnidesk.runtime.api.ErrorKind;
import org.omnidesk.runtime.api.FinishReason;
import org.omnidesk.runtime.api.GenerationSettings;
import org.omnidesk.runtime.api.InferenceException;
import org.omnidesk.runtime.api.OmniEngine;
import org.omnidesk.runtime.api.SpeechSettings;
import org.omnidesk.runtime.api.TurnHandle;
import org.omnidesk.runtime.api.TurnRequest;
import org.omnidesk.runtime.api.TurnResult;
import org.omnidesk.runtime.api.UserInput;

/**
 * The remote engine against a loopback server that speaks vLLM-Omni's documented shapes: the
 * exact requests it sends, and the events it makes of the streamed answer.
 */
class RemoteEngineTest {

    static final String KEY = "sk-omnidesk-test-4f1c0e9b";
    static final float[] TONE_A = TestMedia.sine(4800, 24_000, 220, 0.3);
    static final float[] TONE_B = TestMedia.sine(2400, 24_000, 330, 0.3);

    /** The reply every question gets: text and speech interleaved, as a chunked pipeline streams them. */
    static final FakeOmniServer.Reply ANSWER = FakeOmniServer.stream(Chunks.role(31), Chunks.text("Hello"),
            Chunks.text(", world"), Chunks.audio(TONE_A, false), Chunks.text("!"), Chunks.finishText("stop"),
            Chunks.audio(TONE_B, true), Chunks.usageOnly(31, 4), Chunks.DONE);

    @TempDir
    Path dir;

    static RemoteSettings settings(String url, String... more) {
        Map<String, String> map = new HashMap<>(Map.of(RemoteSettings.URL, url, RemoteSettings.MODEL,
                "Qwen/Qwen2.5-Omni-7B", RemoteSettings.API_KEY_ENV, "OMNIDESK_TEST_KEY",
                RemoteSettings.RETRY_BACKOFF_MS, "20"));
        for (int i = 0; i < more.length; i += 2) {
            map.put(more[i], more[i + 1]);
        }
        return RemoteSettings.from(map, name -> "OMNIDESK_TEST_KEY".equals(name) ? KEY : null);
    }

    static TurnRequest question(SpeechSettings speech, UserInput... inputs) {
        return new TurnRequest(List.of(inputs), Optional.empty(), speech, GenerationSettings.defaults());
    }

    static TurnResult run(OmniEngine engine, TurnRequest request, EventLog log) {
        return engine.submit(request, log).completion().orTimeout(20, TimeUnit.SECONDS).join();
    }

    static InferenceException failure(OmniEngine engine, TurnRequest request, EventLog log) {
        CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> run(engine, request, log));
        return assertInstanceOf(InferenceException.class, e.getCause());
    }

    static JsonNode parse(String json) throws Exception {
        return new ObjectMapper().readTree(json);
    }

    /** Data-URL payload of a content part, checking its type and MIME type. */
    static byte[] media(JsonNode part, String type, String mime) {
        assertEquals(type, part.path("type").asText());
        String url = part.path(type).path("url").asText();
        String prefix = "data:" + mime + ";base64,";
        assertTrue(url.startsWith(prefix), url.substring(0, Math.min(60, url.length())));
        return Base64.getDecoder().decode(url.substring(prefix.length()));
    }

    /** The streamed answer's events, in the server's order, with the exact speech samples. */
    static void assertStreamedAnswer(EventLog log, TurnResult result) {
        assertEquals("TurnStarted TextDelta TextDelta SpeechChunk TextDelta SpeechChunk TurnFinished", log.kinds());
        assertEquals(31, log.of(AssistantEvent.TurnStarted.class).get(0).promptTokens());
        assertEquals(List.of("Hello", ", world", "!"), log.of(AssistantEvent.TextDelta.class).stream()
                .map(AssistantEvent.TextDelta::text).toList());
        assertEquals(List.of(0, 1, 2), log.of(AssistantEvent.TextDelta.class).stream()
                .map(AssistantEvent.TextDelta::tokenIndex).toList());
        List<AssistantEvent.SpeechChunk> speech = log.of(AssistantEvent.SpeechChunk.class);
        assertEquals(24_000, speech.get(0).sampleRate());
        assertEquals(0, speech.get(0).firstSample());
        assertEquals(4800, speech.get(1).firstSample());
        assertArrayEquals(TONE_A, speech.get(0).pcm(), 1f / 32767);
        assertArrayEquals(TONE_B, speech.get(1).pcm(), 1f / 32767);
        AssistantEvent.TurnFinished end = log.last(AssistantEvent.TurnFinished.class);
        assertEquals(FinishReason.STOP, end.reason());
        assertEquals(31, end.stats().promptTokens());
        assertEquals(4, end.stats().generatedTokens());
        assertEquals(7200 / 480, end.stats().speechCodes(), "50 codec frames per second of speech");
        assertTrue(end.stats().firstTokenMs() <= end.stats().lastTokenMs() && end.stats().lastTokenMs() <= end.stats().totalMs(),
                end.stats().toString());
        assertEquals("Hello, world!", result.text());
        assertTrue(log.threads.stream().allMatch("remote-engine"::equals), log.threads.toString());
    }

    @Test
    void aTextQuestionSendsTheDocumentedRequestAndStreamsTextAndSpeechInOrder() throws Exception {
        try (FakeOmniServer server = new FakeOmniServer(ANSWER);
             RemoteEngine engine = new RemoteEngine(settings(server.url()))) {
            EventLog log = new EventLog();
            TurnRequest request = new TurnRequest(List.of(new UserInput.Text("Say hello.")), Optional.empty(),
                    SpeechSettings.on("Chelsie"), new GenerationSettings(true, OptionalDouble.empty(), OptionalInt.empty(),
                    OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.of(64), OptionalLong.of(7)));
            assertStreamedAnswer(log, run(engine, request, log));

            assertEquals(1, server.requests().size());
            FakeOmniServer.Request sent = server.requests().get(0);
            assertEquals("POST", sent.method());
            assertEquals("/v1/chat/completions", sent.path());
            assertEquals("Bearer " + KEY, sent.header("Authorization"));
            assertEquals("application/json", sent.header("Content-Type"));
            assertEquals("text/event-stream", sent.header("Accept"));
            assertEquals(parse("""
                    {"model": "Qwen/Qwen2.5-Omni-7B",
                     "messages": [
                       {"role": "system", "content": [{"type": "text", "text": "You are Qwen, a virtual human developed \
                    by the Qwen Team, Alibaba Group, capable of perceiving auditory and visual inputs, as well as \
                    generating text and speech."}]},
                       {"role": "user", "content": [{"type": "text", "text": "Say hello."}]}],
                     "stream": true,
                     "stream_options": {"include_usage": true, "continuous_usage_stats": true},
                     "modalities": ["text", "audio"],
                     "audio": {"format": "wav"},
                     "voice": "Chelsie",
                     "temperature": 0.0,
                     "max_tokens": 64,
                     "seed": 7}"""), sent.json());
        }
    }

    @Test
    void laterTurnsCarryTheConversationAndTheSystemPromptOnce() throws Exception {
        try (FakeOmniServer server = new FakeOmniServer(ANSWER);
             RemoteEngine engine = new RemoteEngine(settings(server.url()))) {
            TurnRequest first = new TurnRequest(List.of(new UserInput.Text("Hi")), Optional.of("Be brief."),
                    SpeechSettings.off(), GenerationSettings.defaults());
            run(engine, first, new EventLog());
            run(engine, TurnRequest.text("And again?"), new EventLog());
            engine.resetConversation();
            run(engine, TurnRequest.text("Fresh start"), new EventLog());

            JsonNode second = server.requests().get(1).json();
            assertEquals(parse("""
                    [{"role": "system", "content": [{"type": "text", "text": "Be brief."}]},
                     {"role": "user", "content": [{"type": "text", "text": "Hi"}]},
                     {"role": "assistant", "content": "Hello, world!"},
                     {"role": "user", "content": [{"type": "text", "text": "And again?"}]}]"""), second.path("messages"));
            assertEquals(parse("[\"text\"]"), second.path("modalities"), "speech off: text only");
            assertFalse(second.has("audio") || second.has("voice") || second.has("temperature"), second.toString());
            JsonNode third = server.requests().get(2).json().path("messages");
            assertEquals(2, third.size(), "the reset forgot the conversation");
            assertEquals(ChatRequest.DEFAULT_SYSTEM_PROMPT, third.get(0).path("content").get(0).path("text").asText());
        }
    }

    @Test
    void anImageQuestionUploadsThePngOfTheLocallyResizedImage() throws Exception {
        try (FakeOmniServer server = new FakeOmniServer(ANSWER);
             RemoteEngine engine = new RemoteEngine(settings(server.url()))) {
            EventLog log = new EventLog();
            assertStreamedAnswer(log, run(engine, question(SpeechSettings.on(null), TestMedia.referenceImage(),
                    new UserInput.Text("What is in the picture?")), log));
            JsonNode content = server.requests().get(0).json().path("messages").get(1).path("content");
            assertEquals(2, content.size());
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(media(content.get(0), "image_url", "image/png")));
            assertEquals(448, png.getWidth());
            assertEquals(308, png.getHeight());
            byte[] reference = Files.readAllBytes(TestMedia.shared("data/vision/grad_300x451.resized.rgb"));
            int[] rgb = png.getRGB(0, 0, 448, 308, null, 0, 448);
            for (int i = 0; i < rgb.length; i++) {
                int expected = (reference[3 * i] & 0xFF) << 16 | (reference[3 * i + 1] & 0xFF) << 8 | reference[3 * i + 2] & 0xFF;
                assertEquals(expected, rgb[i] & 0xFFFFFF, "pixel " + i);
            }
            assertEquals("What is in the picture?", content.get(1).path("text").asText());
            assertFalse(server.requests().get(0).json().has("mm_processor_kwargs"));
        }
    }

    @Test
    void anAudioQuestionUploadsTheSixteenKilohertzSamplesAsWav() throws Exception {
        float[] pcm = TestMedia.sine(24_000, 16_000, 300, 0.4);
        try (FakeOmniServer server = new FakeOmniServer(ANSWER);
             RemoteEngine engine = new RemoteEngine(settings(server.url()))) {
            EventLog log = new EventLog();
            assertStreamedAnswer(log, run(engine, question(SpeechSettings.on(null),
                    new UserInput.Audio(TestMedia.audio(pcm), "question.wav")), log));
            JsonNode content = server.requests().get(0).json().path("messages").get(1).path("content");
            Path wav = Files.write(dir.resolve("upload.wav"), media(content.get(0), "audio_url", "audio/wav"));
            JsonNode stream = FfmpegCli.streams(wav).get(0);
            assertEquals(16000, stream.path("sample_rate").asInt());
            assertEquals(1, stream.path("channels").asInt());
            short[] samples = FfmpegCli.pcm16(wav);
            assertEquals(pcm.length, samples.length);
            for (int i = 0; i < pcm.length; i++) {
                assertEquals(Math.round(pcm[i] * 32767f), samples[i], "sample " + i);
            }
        }
    }

    @Test
    void aVideoQuestionUploadsTheSampledFramesWithTheirSoundAndAsksForAudioInVideo() throws Exception {
        UserInput.Video video = TestMedia.video(true);
        try (FakeOmniServer server = new FakeOmniServer(ANSWER);
             RemoteEngine engine = new RemoteEngine(settings(server.url()))) {
            EventLog log = new EventLog();
            assertStreamedAnswer(log, run(engine, question(SpeechSettings.on(null), video,
                    new UserInput.Text("What happens, and what is the sound?")), log));
            JsonNode body = server.requests().get(0).json();
            assertEquals(parse("{\"use_audio_in_video\": true}"), body.path("mm_processor_kwargs"));
            assertEquals(parse("{\"video\": {\"num_frames\": -1}}"), body.path("media_io_kwargs"));
            JsonNode content = body.path("messages").get(1).path("content");
            Path avi = Files.write(dir.resolve("upload.avi"), media(content.get(0), "video_url", "video/x-msvideo"));
            assertEquals(4, FfmpegCli.rgbFrames(avi, 84, 56).size(), "the four sampled frames, not the source video");
            assertEquals(32_000, FfmpegCli.pcm16(avi).length, "the 2 s sound track at 16 kHz");
        }
    }

    @Test
    void aLiveCameraTurnSendsItsBlocksAsOneVideoWithTheMicrophoneAsSound() throws Exception {
        UserInput.Video clip = TestMedia.video(false); // two frame pairs
        try (FakeOmniServer server = new FakeOmniServer(ANSWER);
             RemoteEngine engine = new RemoteEngine(settings(server.url()))) {
            EventLog log = new EventLog();
            var live = engine.openLiveTurn(new org.omnidesk.runtime.api.LiveTurnOptions(true, Optional.empty(),
                    SpeechSettings.on(null), GenerationSettings.defaults()), log);
            float[] first = TestMedia.sine(16_000, 16_000, 200, 0.3);
            float[] second = TestMedia.sine(8_000, 16_000, 400, 0.3);
            live.appendAudio(TestMedia.audio(first));
            live.appendFrames(pair(clip, 0));
            live.appendAudio(TestMedia.audio(second));
            live.appendFrames(pair(clip, 1));
            assertEquals(0, server.requests().size(), "nothing is sent before commit");
            assertStreamedAnswer(log, live.commit("Who is speaking?").completion().orTimeout(20, TimeUnit.SECONDS).join());

            JsonNode content = server.requests().get(0).json().path("messages").get(1).path("content");
            Path avi = Files.write(dir.resolve("live.avi"), media(content.get(0), "video_url", "video/x-msvideo"));
            assertEquals(4, FfmpegCli.rgbFrames(avi, 84, 56).size());
            short[] sound = FfmpegCli.pcm16(avi);
            assertEquals(first.length + second.length, sound.length);
            assertEquals(Math.round(second[100] * 32767f), sound[first.length + 100]);
            assertEquals("Who is speaking?", content.get(1).path("text").asText());
            assertTrue(server.requests().get(0).json().path("mm_processor_kwargs").path("use_audio_in_video").asBoolean());
        }
    }

    /** Temporal grid {@code t} of a clip as its own frame pair. */
    private static org.omnidesk.runtime.api.VisionFeatures pair(UserInput.Video clip, int t) {
        var v = clip.features();
        int per = v.gridH() * v.gridW() * org.omnidesk.runtime.api.VisionFeatures.PATCH_DIM;
        float[] pv = java.util.Arrays.copyOfRange(v.pixelValues(), t * per, (t + 1) * per);
        return new org.omnidesk.runtime.api.VisionFeatures(pv, 1, v.gridH(), v.gridW(), v.secondPerGrid(), new double[0]);
    }

    @Test
    void inputsAServerCannotTakeFailBeforeAnythingIsSent() throws Exception {
        try (FakeOmniServer server = new FakeOmniServer(ANSWER);
             RemoteEngine engine = new RemoteEngine(settings(server.url()))) {
            EventLog log = new EventLog();
            InferenceException noSamples = failure(engine, question(SpeechSettings.off(), new UserInput.Audio(
                    new org.omnidesk.runtime.api.AudioFeatures(new float[128], 1, null), "mic")), log);
            assertEquals(ErrorKind.UNSUPPORTED_INPUT, noSamples.kind());
            assertEquals("TurnFailed", log.kinds());

            run(engine, question(SpeechSettings.off(), TestMedia.video(true)), new EventLog());
            InferenceException mixed = failure(engine, question(SpeechSettings.off(), TestMedia.video(false)), new EventLog());
            assertTrue(mixed.getMessage().contains("new conversation"), mixed.getMessage());
            assertEquals(1, server.requests().size(), "only the valid turn reached the server");
        }
    }

    @Test
    void aNonStreamingServerAnswerGivesTheSameEvents() throws Exception {
        String completion = "{\"id\":\"c\",\"object\":\"chat.completion\",\"choices\":["
                + "{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello.\"},\"finish_reason\":\"stop\"},"
                + "{\"index\":0,\"message\":{\"role\":\"assistant\",\"audio\":{\"id\":\"audio-1\",\"data\":\""
                + Base64.getEncoder().encodeToString(Wav.mono16(TONE_A, 24_000))
                + "\",\"expires_at\":1,\"transcript\":\"\"}},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":3,\"total_tokens\":23}}";
        try (FakeOmniServer server = new FakeOmniServer(FakeOmniServer.json(completion));
             RemoteEngine engine = new RemoteEngine(settings(server.url(), RemoteSettings.STREAM, "false"))) {
            EventLog log = new EventLog();
            TurnResult result = run(engine, question(SpeechSettings.on(null), new UserInput.Text("Hi")), log);
            assertEquals("TurnStarted TextDelta SpeechChunk TurnFinished", log.kinds());
            assertEquals("Hello.", result.text());
            assertArrayEquals(TONE_A, log.of(AssistantEvent.SpeechChunk.class).get(0).pcm(), 1f / 32767);
            assertFalse(server.requests().get(0).json().path("stream").asBoolean());
            assertEquals("application/json", server.requests().get(0).header("Accept"));
        }
    }

    @Test
    void cancelClosesTheStreamAndKeepsThePartialAnswer() throws Exception {
        List<String> slow = new ArrayList<>(List.of(Chunks.role(5)));
        for (int i = 0; i < 200; i++) {
            slow.add(Chunks.text("word" + i + " "));
        }
        try (FakeOmniServer server = new FakeOmniServer(FakeOmniServer.slowStream(20, slow.toArray(String[]::new)), ANSWER);
             RemoteEngine engine = new RemoteEngine(settings(server.url()))) {
            EventLog log = new EventLog();
            TurnHandle turn = engine.submit(TurnRequest.text("Count slowly."), log);
            assertTrue(log.firstText.await(10, TimeUnit.SECONDS));
            long cancelled = System.nanoTime();
            turn.cancel();
            TurnResult result = turn.completion().orTimeout(5, TimeUnit.SECONDS).join();
            assertTrue(System.nanoTime() - cancelled < 2_000_000_000L, "the stream was closed, not read to its end");
            assertEquals(FinishReason.CANCELLED, result.reason());
            assertEquals(FinishReason.CANCELLED, log.last(AssistantEvent.TurnFinished.class).reason());
            assertTrue(log.of(AssistantEvent.TextDelta.class).size() < 100, log.kinds());

            run(engine, TurnRequest.text("Go on."), new EventLog());
            JsonNode messages = server.requests().get(1).json().path("messages");
            assertEquals(4, messages.size());
            assertEquals(result.text(), messages.get(2).path("content").asText(), "the partial answer is kept");
        }
    }

    @Test
    void cancelWhileTheServerHasNotAnsweredEndsTheTurnAtOnce() throws Exception {
        try (FakeOmniServer server = new FakeOmniServer(FakeOmniServer.stallBeforeHeaders());
             RemoteEngine engine = new RemoteEngine(settings(server.url()))) {
            EventLog log = new EventLog();
            TurnHandle turn = engine.submit(TurnRequest.text("Hello?"), log);
            while (server.requests().isEmpty()) {
                Thread.sleep(5);
            }
            turn.cancel();
            assertEquals(FinishReason.CANCELLED, turn.completion().orTimeout(5, TimeUnit.SECONDS).join().reason());
            assertEquals("TurnFinished", log.kinds());
        }
    }

    @Test
    void theProviderIsFoundByNameAndSendsNothingWhenOpened() throws Exception {
        try (FakeOmniServer server = new FakeOmniServer(ANSWER)) {
            EngineOptions options = new EngineOptions(Optional.empty(), "auto", 0, Map.of(RemoteSettings.URL, server.url()));
            try (OmniEngine engine = EngineProvider.open("remote", options)) {
                assertInstanceOf(RemoteEngine.class, engine);
                assertEquals("remote: 127.0.0.1:" + server.port(), engine.info().location());
                assertEquals("remote", engine.info().engine());
                assertEquals(0, server.requests().size());
                run(engine, TurnRequest.text("Hi"), new EventLog());
                assertEquals(null, server.requests().get(0).header("Authorization"), "no key configured, none sent");
                assertFalse(server.requests().get(0).json().has("model"), "no model configured: the server's own");
            }
        }
    }
}
