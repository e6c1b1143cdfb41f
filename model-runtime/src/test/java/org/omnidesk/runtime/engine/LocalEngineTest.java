// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.omnidesk.runtime.api.AssistantEvent;
import org.omnidesk.runtime.api.AudioFeatures;
import org.omnidesk.runtime.api.EngineOptions;
import org.omnidesk.runtime.api.EngineProvider;
import org.omnidesk.runtime.api.FinishReason;
import org.omnidesk.runtime.api.GenerationSettings;
import org.omnidesk.runtime.api.LiveTurn;
import org.omnidesk.runtime.api.LiveTurnOptions;
import org.omnidesk.runtime.api.OmniEngine;
import org.omnidesk.runtime.api.SpeechSettings;
import org.omnidesk.runtime.api.TurnRequest;
import org.omnidesk.runtime.api.TurnResult;
import org.omnidesk.runtime.api.UserInput;
import org.omnidesk.runtime.api.VisionFeatures;
import org.omnidesk.runtime.decode.DecoderGraph;
import org.omnidesk.runtime.decode.Generator;
import org.omnidesk.runtime.decode.KvCache;
import org.omnidesk.runtime.decode.Prefill;
import org.omnidesk.runtime.decode.SamplingConfig;
import org.omnidesk.runtime.decode.TextStream;
import org.omnidesk.runtime.decode.TokenHistory;
import org.omnidesk.runtime.io.Npy;
import org.omnidesk.runtime.onnx.OrtRuntime;
import org.omnidesk.runtime.onnx.ProviderChoice;
import org.omnidesk.runtime.pkg.VerifyListener;

/** The local engine on the tiny package: goldens end to end, cache invariants, cancellation, streaming order, soak. */
class LocalEngineTest {
    static final Path TINY = Path.of(System.getProperty("omnidesk.root", "..")).resolve("packaging/export/tiny");
    static final ObjectMapper JSON = new ObjectMapper();
    static OmniModel model;
    static LocalEngine engine;
    static final List<TurnTrace> traces = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void open() {
        model = OmniModel.load(TINY.resolve("package"), new OrtRuntime.Options(ProviderChoice.CPU, 1), VerifyListener.NONE);
        engine = new LocalEngine(model);
        engine.trace(traces::add);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @BeforeEach
    void fresh() {
        engine.resetConversation();
        traces.clear();
    }

    static GenerationSettings greedy(int maxTokens) {
        return new GenerationSettings(true, OptionalDouble.empty(), OptionalInt.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalInt.of(maxTokens), OptionalLong.of(7));
    }

    static TurnResult run(OmniEngine e, TurnRequest r, List<AssistantEvent> events) throws Exception {
        return e.submit(r, events::add).completion().get(60, TimeUnit.SECONDS);
    }

    static AudioFeatures mel(String file) throws IOException {
        Npy.Array a = Npy.read(TINY.resolve("goldens").resolve(file));
        return new AudioFeatures(a.data(), a.shape()[1], null);
    }

    /** The golden request as engine inputs, in message order. */
    static List<UserInput> inputs(JsonNode g) throws IOException {
        List<UserInput> in = new ArrayList<>();
        for (JsonNode item : g.at("/request/messages/0/content")) {
            switch (item.get("type").asText()) {
                case "text" -> in.add(new UserInput.Text(item.get("text").asText()));
                case "audio" -> in.add(new UserInput.Audio(mel(item.get("mel_file").asText()), "clip"));
                case "image" -> in.add(new UserInput.Image(vision(item, 0), "image"));
                case "video" -> in.add(new UserInput.Video(vision(item, item.get("second_per_grid").asDouble()),
                        g.at("/request/use_audio_in_video").asBoolean()
                                ? Optional.of(mel(item.get("audio_mel_file").asText())) : Optional.empty(), "video"));
                default -> throw new IllegalArgumentException(item.toString());
            }
        }
        return in;
    }

    static VisionFeatures vision(JsonNode item, double spg) throws IOException {
        JsonNode grid = item.get("grid_thw");
        return new VisionFeatures(Npy.read(TINY.resolve("goldens").resolve(item.get("pixel_values_file").asText())).data(),
                grid.get(0).asInt(), grid.get(1).asInt(), grid.get(2).asInt(), spg, null);
    }

    static long[] longs(JsonNode a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asLong();
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"text_only", "text_audio", "text_image", "video_audio"})
    void greedyTurnsReproduceTheGoldenPromptPositionsAndTokens(String scenario) throws Exception {
        JsonNode g = JSON.readTree(TINY.resolve("goldens/" + scenario + ".json").toFile());
        // The goldens were made with speech on, i.e. the speech system prompt; give it explicitly, speech off.
        TurnRequest r = new TurnRequest(inputs(g), Optional.of(model.manifest().systemPromptSpeech()),
                SpeechSettings.off(), greedy(16));
        List<AssistantEvent> events = new ArrayList<>();
        TurnResult result = run(engine, r, events);
        TurnTrace t = traces.get(0);
        assertArrayEquals(longs(g.get("input_ids")), t.inputIds(), "input_ids from the Java template");
        for (int row = 0; row < 3; row++) {
            assertArrayEquals(longs(g.get("position_ids").get(row)), t.positionIds()[row], "TMRoPE row " + row);
        }
        assertEquals(g.get("rope_delta").asLong(), t.ropeDelta());
        int[] expected = new int[g.at("/thinker/tokens").size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = g.at("/thinker/tokens").get(i).asInt();
        }
        assertArrayEquals(expected, t.thinkerTokens(), "greedy Thinker tokens");
        assertEquals(FinishReason.MAX_TOKENS, result.reason());
        String streamed = events.stream().filter(e -> e instanceof AssistantEvent.TextDelta)
                .map(e -> ((AssistantEvent.TextDelta) e).text()).reduce("", String::concat);
        assertEquals(g.at("/thinker/text").asText(), streamed, "streamed text = decoded golden tokens");
        assertEquals(streamed, result.text());
        assertTrue(events.get(0) instanceof AssistantEvent.TurnStarted);
        assertTrue(events.get(events.size() - 1) instanceof AssistantEvent.TurnFinished);
    }

    @Test
    void chunkedPrefillGivesTheSameLogitsAsOneShot() throws Exception {
        JsonNode g = JSON.readTree(TINY.resolve("goldens/text_audio.json").toFile());
        long[] ids = longs(g.get("input_ids"));
        long[][] pos = new long[3][];
        for (int r = 0; r < 3; r++) {
            pos[r] = longs(g.get("position_ids").get(r));
        }
        TurnRunner embedder = new TurnRunner(model, null, 0, e -> { }, () -> false, null, 0, null, null);
        float[] rows = embedder.embed(ids, inputs(g)).embeds();
        DecoderGraph d = model.thinker();
        int w = d.width();
        float[] oneShot;
        try (KvCache cache = d.newCache()) {
            oneShot = d.run(rows, pos, cache, false, null).logits();
        }
        // Blocks as a live turn pre-fills them: header + first audio block, second block, the rest.
        int[] cuts = {0, 40, 90, ids.length};
        float[] chunked = null;
        try (KvCache cache = d.newCache()) {
            for (int c = 0; c + 1 < cuts.length; c++) {
                long[][] p = new long[3][];
                for (int r = 0; r < 3; r++) {
                    p[r] = java.util.Arrays.copyOfRange(pos[r], cuts[c], cuts[c + 1]);
                }
                chunked = d.run(java.util.Arrays.copyOfRange(rows, cuts[c] * w, cuts[c + 1] * w), p, cache, false, null)
                        .logits();
            }
            assertEquals(ids.length, cache.length());
        }
        double worst = 0;
        for (int i = 0; i < oneShot.length; i++) {
            worst = Math.max(worst, Math.abs(oneShot[i] - chunked[i]) / Math.max(1, Math.abs(oneShot[i])));
        }
        assertTrue(worst <= 1e-4, "chunked vs one-shot logits differ by " + worst + " (relative)");
    }

    @Test
    void liveAudioBlocksAnswerExactlyAsTheWholeClip() throws Exception {
        AudioFeatures clip = mel("text_audio.input_mel.npy"); // [128, 300]: a full 2 s block and 1 s
        TurnResult whole = run(engine, new TurnRequest(List.of(new UserInput.Audio(clip, "clip"),
                new UserInput.Text("What was said?")), Optional.empty(), SpeechSettings.off(), greedy(12)), new ArrayList<>());
        int[] wholeTokens = traces.get(0).thinkerTokens();
        engine.resetConversation();
        traces.clear();

        LiveTurn live = engine.openLiveTurn(new LiveTurnOptions(false, Optional.empty(), SpeechSettings.off(), greedy(12)),
                e -> { });
        live.appendAudio(slice(clip, 0, 200));
        live.appendAudio(slice(clip, 200, 300));
        TurnResult result = live.commit("What was said?").completion().get(60, TimeUnit.SECONDS);
        assertArrayEquals(wholeTokens, traces.get(0).thinkerTokens());
        long[] ids = traces.get(0).inputIds();
        int fiftiethAudio = 0;
        for (int p = 0, seen = 0; seen < 50; p++) {
            if (ids[p] == 151646 && ++seen == 50) {
                fiftiethAudio = p + 1;
            }
        }
        assertEquals(fiftiethAudio, traces.get(0).prefilledWhileRecording(), "the first 2 s block is pre-filled before commit");
        assertEquals(whole.text(), result.text());
    }

    @Test
    void liveCameraFramesAndAudioAnswerExactlyAsTheWholeVideo() throws Exception {
        JsonNode g = JSON.readTree(TINY.resolve("goldens/video_audio.json").toFile());
        JsonNode item = g.at("/request/messages/0/content/0");
        VisionFeatures video = vision(item, item.get("second_per_grid").asDouble()); // 3 grids of 8x12, 1 s each
        AudioFeatures sound = mel(item.get("audio_mel_file").asText());              // 300 frames
        String question = g.at("/request/messages/0/content/1/text").asText();
        run(engine, new TurnRequest(List.of(new UserInput.Video(video, Optional.of(sound), "clip"), new UserInput.Text(question)),
                Optional.empty(), SpeechSettings.off(), greedy(12)), new ArrayList<>());
        TurnTrace whole = traces.get(0);
        engine.resetConversation();
        traces.clear();

        LiveTurn live = engine.openLiveTurn(new LiveTurnOptions(true, Optional.empty(), SpeechSettings.off(), greedy(12)),
                e -> { });
        // As a camera + microphone deliver them: frame pairs at 1 s, 2 s, 3 s and audio blocks at 2 s and 3 s.
        live.appendFrames(grid(video, 0));
        live.appendFrames(grid(video, 1));
        live.appendAudio(slice(sound, 0, 200)); // chunk 0 complete: pre-filled now
        live.appendFrames(grid(video, 2));
        live.appendAudio(slice(sound, 200, 300));
        live.commit(question).completion().get(60, TimeUnit.SECONDS);
        TurnTrace t = traces.get(0);
        assertArrayEquals(whole.inputIds(), t.inputIds());
        assertArrayEquals(whole.thinkerTokens(), t.thinkerTokens());
        // Chunk 0 (2 grids x 24 video tokens + 50 audio tokens, after the prompt head) went in before commit.
        int firstAudioEnd = 0;
        for (int p = 0, runs = 0; p < t.inputIds().length && runs == 0; p++) {
            if (t.inputIds()[p] == 151646 && t.inputIds()[p + 1] != 151646) {
                runs++;
                firstAudioEnd = p + 1;
            }
        }
        assertEquals(firstAudioEnd, t.prefilledWhileRecording());
    }

    static VisionFeatures grid(VisionFeatures v, int t) {
        int n = v.gridH() * v.gridW() * VisionFeatures.PATCH_DIM;
        return new VisionFeatures(java.util.Arrays.copyOfRange(v.pixelValues(), t * n, (t + 1) * n), 1, v.gridH(), v.gridW(),
                v.secondPerGrid(), null);
    }

    static AudioFeatures slice(AudioFeatures a, int from, int to) {
        int n = to - from;
        float[] mel = new float[128 * n];
        for (int b = 0; b < 128; b++) {
            System.arraycopy(a.mel(), b * a.frames() + from, mel, b * n, n);
        }
        return new AudioFeatures(mel, n, null);
    }

    @Test
    void abortedLiveTurnLeavesTheConversationAsItWas() throws Exception {
        TurnRequest first = new TurnRequest(List.of(new UserInput.Text("Hello")), Optional.empty(), SpeechSettings.off(), greedy(6));
        TurnRequest second = new TurnRequest(List.of(new UserInput.Text("And then?")), Optional.empty(), SpeechSettings.off(), greedy(6));
        run(engine, first, new ArrayList<>());
        TurnResult expected = run(engine, second, new ArrayList<>());
        engine.resetConversation();
        run(engine, first, new ArrayList<>());
        LiveTurn live = engine.openLiveTurn(new LiveTurnOptions(false, Optional.empty(), SpeechSettings.off(), greedy(6)), e -> { });
        live.appendAudio(slice(mel("text_audio.input_mel.npy"), 0, 200));
        live.abort();
        assertEquals(expected.text(), run(engine, second, new ArrayList<>()).text());
    }

    @Test
    void aSecondTurnOnTheCacheEqualsRecomputingTheWholeConversation() throws Exception {
        run(engine, new TurnRequest(List.of(new UserInput.Text("Name three colours.")), Optional.empty(),
                SpeechSettings.off(), greedy(10)), new ArrayList<>());
        run(engine, new TurnRequest(List.of(new UserInput.Text("Now three animals.")), Optional.empty(),
                SpeechSettings.off(), greedy(10)), new ArrayList<>());
        TurnTrace t1 = traces.get(0);
        TurnTrace t2 = traces.get(1);
        // The cache holds turn 1's prompt, its fed reply (all picked tokens but the last) and turn 2's prompt.
        long[] all = concat(t1.inputIds(), java.util.Arrays.stream(t1.thinkerTokens(), 0, t1.thinkerTokens().length - 1)
                .asLongStream().toArray(), t2.inputIds());
        long[][] pos = new long[3][all.length];
        for (int r = 0; r < 3; r++) {
            for (int i = 0; i < all.length; i++) {
                pos[r][i] = i; // text only: plain positions over the whole conversation
            }
            assertArrayEquals(java.util.Arrays.copyOfRange(pos[r], all.length - t2.inputIds().length, all.length),
                    t2.positionIds()[r], "turn 2 positions continue the conversation");
        }
        float[] rows = model.encoders().embedTokens(all, null);
        List<Integer> tokens;
        try (KvCache cache = model.thinker().newCache()) {
            tokens = new Generator(model.thinker(), model.encoders()).generate(new Prefill(all, rows, pos, all.length),
                    cache, new SamplingConfig(true, 1f, 0, 1f, (float) model.manifest().generation().thinker().repetitionPenalty(),
                            new int[0], 0).picker(), new TokenHistory(),
                    new Generator.Limits(10, 32768, new long[] {151645, 151643}), NO_TEXT, false, () -> false, null,
                    (delta, i) -> { }).tokens();
        }
        assertEquals(tokens, java.util.Arrays.stream(t2.thinkerTokens()).boxed().toList());
    }

    static final TextStream NO_TEXT = new TextStream() {
        @Override
        public String push(int id) {
            return "";
        }

        @Override
        public String flush() {
            return "";
        }
    };

    static long[] concat(long[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToLong(java.util.Arrays::stream).toArray();
    }

    @Test
    void cancelStopsWithinOneStepAndTheConversationStaysUsable() throws Exception {
        AtomicInteger deltas = new AtomicInteger();
        AtomicInteger afterCancel = new AtomicInteger();
        AtomicReference<org.omnidesk.runtime.api.TurnHandle> handle = new AtomicReference<>();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch cancelIssued = new java.util.concurrent.CountDownLatch(1);
        handle.set(engine.submit(new TurnRequest(List.of(new UserInput.Text("Talk for a long time.")), Optional.empty(),
                SpeechSettings.off(), greedy(2000)), e -> {
                    if (e instanceof AssistantEvent.TextDelta) {
                        if (deltas.incrementAndGet() == 5) {
                            // Hold the inference thread inside step 5 until cancel() has returned.
                            started.countDown();
                            try {
                                cancelIssued.await(30, TimeUnit.SECONDS);
                            } catch (InterruptedException ie) {
                                Thread.currentThread().interrupt();
                            }
                        } else if (deltas.get() > 5) {
                            afterCancel.incrementAndGet();
                        }
                    }
                }));
        assertTrue(started.await(30, TimeUnit.SECONDS));
        handle.get().cancel();
        cancelIssued.countDown();
        TurnResult r = handle.get().completion().get(30, TimeUnit.SECONDS);
        assertEquals(FinishReason.CANCELLED, r.reason());
        assertTrue(afterCancel.get() <= 1, afterCancel.get() + " text deltas after cancel");
        TurnResult next = run(engine, new TurnRequest(List.of(new UserInput.Text("Short answer.")), Optional.empty(),
                SpeechSettings.off(), greedy(4)), new ArrayList<>());
        assertEquals(FinishReason.MAX_TOKENS, next.reason());
    }

    @Test
    void speechStartsBeforeTheTextIsFinishedAndCancelStopsIt() throws Exception {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger texts = new AtomicInteger();
        java.util.concurrent.CountDownLatch ninetyTexts = new java.util.concurrent.CountDownLatch(1);
        org.omnidesk.runtime.api.TurnHandle handle = engine.submit(new TurnRequest(
                List.of(new UserInput.Text("Tell me a long story.")), Optional.empty(), SpeechSettings.on("Ethan"),
                greedy(150)), e -> {
                    if (e instanceof AssistantEvent.TextDelta) {
                        order.add("text");
                        if (texts.incrementAndGet() == 90) {
                            ninetyTexts.countDown();
                        }
                    } else if (e instanceof AssistantEvent.SpeechChunk s) {
                        assertEquals(24000, s.sampleRate());
                        order.add("pcm");
                    }
                });
        // Greedy and seeded: the Thinker writes well past 90 tokens; 60 codes (1 Talker step per token) give the first window.
        assertTrue(ninetyTexts.await(60, TimeUnit.SECONDS), "the Thinker stopped early");
        List<String> seen = List.copyOf(order);
        int firstPcm = seen.indexOf("pcm");
        assertTrue(firstPcm >= 0 && firstPcm < seen.lastIndexOf("text"),
                "the first PCM chunk must come while the Thinker is still writing: " + firstPcm + " of " + seen.size());
        handle.cancel();
        assertEquals(FinishReason.CANCELLED, handle.completion().get(30, TimeUnit.SECONDS).reason());
    }

    @Test
    void providerIsFoundThroughTheServiceLoader() throws Exception {
        try (OmniEngine e = EngineProvider.open("local", EngineOptions.local(TINY.resolve("package")))) {
            assertTrue(e.info().randomWeights());
            assertEquals(10, e.info().graphs().size());
            assertTrue(e.info().graphs().stream().allMatch(p -> p.provider().equals("CPUExecutionProvider")));
        }
    }

    @Test
    void fiveHundredShortTurnsDoNotGrowNativeMemory() throws Exception {
        TurnRequest r = new TurnRequest(List.of(new UserInput.Text("Hi")), Optional.empty(), SpeechSettings.off(), greedy(4));
        long base = 0;
        for (int i = 1; i <= 500; i++) {
            if (i % 10 == 0) {
                engine.resetConversation();
            }
            run(engine, r, new ArrayList<>());
            if (i == 100) {
                base = settledRssKb();
            }
        }
        long growth = settledRssKb() - base;
        System.out.println("soak: RSS after turn 100 " + base + " kB, growth to turn 500 " + growth + " kB");
        assertTrue(growth < 48 * 1024, "RSS grew by " + growth + " kB over 400 turns");
    }

    /** RSS after a full GC, so Java heap slack does not count as native growth. */
    static long settledRssKb() throws Exception {
        System.gc();
        Thread.sleep(200);
        return rssKb();
    }

    static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        throw new IOException("no VmRSS");
    }
}
