// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.omnidesk.runtime.api.AssistantEvent;
import org.omnidesk.runtime.api.AudioFeatures;
import org.omnidesk.runtime.api.EngineOptions;
import org.omnidesk.runtime.api.EngineProvider;
import org.omnidesk.runtime.api.ErrorKind;
import org.omnidesk.runtime.api.FinishReason;
import org.omnidesk.runtime.api.GenerationSettings;
import org.omnidesk.runtime.api.InferenceException;
import org.omnidesk.runtime.api.LiveTurn;
import org.omnidesk.runtime.api.LiveTurnOptions;
import org.omnidesk.runtime.api.OmniEngine;
import org.omnidesk.runtime.api.SpeechSettings;
import org.omnidesk.runtime.api.TurnHandle;
import org.omnidesk.runtime.api.TurnRequest;
import org.omnidesk.runtime.api.TurnResult;
import org.omnidesk.runtime.api.UserInput;
import org.omnidesk.runtime.api.VisionFeatures;

class ScriptedEngineTest {

    private static final Pacing FAST = new Pacing(Duration.ofMillis(2), 24_000, 2_400, 2);

    private static TurnRequest spoken(String text) {
        return new TurnRequest(List.of(new UserInput.Text(text)), Optional.empty(),
                SpeechSettings.on("Ethan"), GenerationSettings.defaults());
    }

    @Test
    void replaysTheTextInOrderBetweenStartAndFinish() {
        List<AssistantEvent> events = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        try (ScriptedEngine engine = new ScriptedEngine(r -> ScriptedReply.text("One two  three.\n\n- four"), FAST)) {
            TurnResult result = engine.submit(TurnRequest.text("hi"), e -> {
                events.add(e);
                threads.add(Thread.currentThread().getName());
            }).completion().join();

            assertEquals("One two  three.\n\n- four", result.text());
            assertEquals(FinishReason.STOP, result.reason());
            assertInstanceOf(AssistantEvent.TurnStarted.class, events.get(0));
            assertInstanceOf(AssistantEvent.TurnFinished.class, events.get(events.size() - 1));
            List<AssistantEvent.TextDelta> deltas = events.stream()
                    .filter(AssistantEvent.TextDelta.class::isInstance).map(AssistantEvent.TextDelta.class::cast).toList();
            assertEquals(List.of("One ", "two  ", "three.\n\n", "- ", "four"),
                    deltas.stream().map(AssistantEvent.TextDelta::text).toList());
            for (int i = 0; i < deltas.size(); i++) {
                assertEquals(i, deltas.get(i).tokenIndex());
            }
            assertEquals(5, result.stats().generatedTokens());
            assertTrue(result.stats().firstTokenMs() >= 0 && result.stats().firstTokenMs() <= result.stats().totalMs());
            assertEquals(-1, result.stats().firstAudioMs(), "speech was off");
            assertEquals(List.of("scripted-engine"), threads.stream().distinct().toList());
        }
    }

    @Test
    void speechIsAContinuous220HzToneBehindTheText() {
        List<AssistantEvent> events = new CopyOnWriteArrayList<>();
        try (ScriptedEngine engine = new ScriptedEngine(r -> ScriptedReply.text("a b c d e f g h i j"), FAST)) {
            TurnResult result = engine.submit(spoken("hi"), events::add).completion().join();
            List<AssistantEvent.SpeechChunk> chunks = events.stream()
                    .filter(AssistantEvent.SpeechChunk.class::isInstance).map(AssistantEvent.SpeechChunk.class::cast).toList();
            assertEquals(10, chunks.size(), "one chunk per delta");
            long expectedFirst = 0;
            int crossings = 0;
            float previous = 0;
            for (AssistantEvent.SpeechChunk c : chunks) {
                assertEquals(24_000, c.sampleRate());
                assertEquals(expectedFirst, c.firstSample());
                expectedFirst += c.pcm().length;
                for (float s : c.pcm()) {
                    assertTrue(Math.abs(s) <= 0.25f + 1e-6f);
                    crossings += (previous < 0) != (s < 0) ? 1 : 0;
                    previous = s;
                }
            }
            // 24 000 samples = 1 s of a 220 Hz sine: 440 sign changes (±1 at the ends).
            assertEquals(24_000, expectedFirst);
            assertTrue(Math.abs(crossings - 440) <= 1, "sign changes " + crossings);
            // The Talker lags two steps: the first chunk follows the third text delta.
            int firstChunk = events.indexOf(chunks.get(0));
            long textBefore = events.subList(0, firstChunk).stream().filter(AssistantEvent.TextDelta.class::isInstance).count();
            assertEquals(3, textBefore);
            assertTrue(result.stats().firstAudioMs() >= result.stats().firstTokenMs());
            assertEquals(50, result.stats().speechCodes(), "50 codes per second of speech");
        }
    }

    @Test
    void cancelEndsTheTurnWithinOneStep() throws Exception {
        Pacing slow = new Pacing(Duration.ofMillis(300), 24_000, 2_400, 0);
        CountDownLatch firstDelta = new CountDownLatch(1);
        List<AssistantEvent> events = new CopyOnWriteArrayList<>();
        try (ScriptedEngine engine = new ScriptedEngine(r -> ScriptedReply.text("a b c d e f g h"), slow)) {
            TurnHandle turn = engine.submit(spoken("hi"), e -> {
                events.add(e);
                if (e instanceof AssistantEvent.TextDelta) {
                    firstDelta.countDown();
                }
            });
            assertTrue(firstDelta.await(5, TimeUnit.SECONDS));
            long cancelAt = System.nanoTime();
            turn.cancel();
            turn.cancel();
            TurnResult result = turn.completion().get(5, TimeUnit.SECONDS);
            double tookMs = (System.nanoTime() - cancelAt) / 1e6;
            assertEquals(FinishReason.CANCELLED, result.reason());
            assertTrue(tookMs < 300, "cancel took " + tookMs + " ms, more than one 300 ms step");
            assertEquals("a ", result.text());
            assertInstanceOf(AssistantEvent.TurnFinished.class, events.get(events.size() - 1));

            // The engine stays usable after a cancelled turn.
            TurnResult next = engine.submit(TurnRequest.text("again"), e -> { }).completion().get(10, TimeUnit.SECONDS);
            assertEquals(FinishReason.STOP, next.reason());
        }
    }

    @Test
    void aScriptedFailureIsATurnFailedEventAndAnExceptionalCompletion() {
        List<AssistantEvent> events = new CopyOnWriteArrayList<>();
        try (ScriptedEngine engine = new ScriptedEngine(
                r -> ScriptedReply.failing("Half", ErrorKind.CONTEXT_FULL, "context full; start a new chat"), FAST)) {
            CompletionException thrown = assertThrows(CompletionException.class,
                    () -> engine.submit(spoken("hi"), events::add).completion().join());
            InferenceException cause = assertInstanceOf(InferenceException.class, thrown.getCause());
            assertEquals(ErrorKind.CONTEXT_FULL, cause.kind());
            AssistantEvent.TurnFailed failed = assertInstanceOf(AssistantEvent.TurnFailed.class, events.get(events.size() - 1));
            assertEquals("context full; start a new chat", failed.message());
            assertTrue(events.stream().noneMatch(AssistantEvent.SpeechChunk.class::isInstance));
        }
    }

    @Test
    void aLiveTurnSplicesItsAudioBlocksAndCameraPairsIntoOneRequest() {
        try (ScriptedEngine engine = new ScriptedEngine(Script.DESCRIBE, FAST)) {
            LiveTurn live = engine.openLiveTurn(new LiveTurnOptions(true, Optional.empty(),
                    SpeechSettings.off(), GenerationSettings.defaults()), e -> { });
            live.appendAudio(melBlock(200, 0));
            live.appendFrames(framePair(1f, 0.0));
            live.appendAudio(melBlock(200, 200));
            live.appendFrames(framePair(2f, 1.0));
            live.appendAudio(melBlock(50, 400));
            TurnResult result = live.commit("what do you see?").completion().join();
            assertThrows(IllegalStateException.class, () -> live.appendAudio(melBlock(1, 0)));

            TurnRequest request = engine.requests().get(0);
            UserInput.Video video = assertInstanceOf(UserInput.Video.class, request.inputs().get(0));
            assertEquals(2, video.features().gridT());
            assertEquals(1f, video.features().pixelValues()[0]);
            assertEquals(2f, video.features().pixelValues()[video.features().pixelValues().length - 1]);
            assertEquals(List.of(0.0, 0.5, 1.0, 1.5), java.util.Arrays.stream(video.features().frameTimesSeconds()).boxed().toList());
            AudioFeatures audio = video.audio().orElseThrow();
            assertEquals(450, audio.frames());
            // Block values encode (bin, absolute frame): every bin row must run 0..449 in order.
            for (int bin : new int[] {0, 77, 127}) {
                for (int f : new int[] {0, 199, 200, 399, 400, 449}) {
                    assertEquals(bin * 1000 + f, audio.mel()[bin * 450 + f], "bin " + bin + " frame " + f);
                }
            }
            assertEquals(new UserInput.Text("what do you see?"), request.inputs().get(1));
            assertTrue(result.text().contains("4 frames"), result.text());
            assertTrue(result.text().contains("4.50 s of its sound"), result.text());
        }
    }

    @Test
    void anAbortedLiveTurnSubmitsNothing() {
        try (ScriptedEngine engine = new ScriptedEngine(Script.DESCRIBE, FAST)) {
            LiveTurn live = engine.openLiveTurn(new LiveTurnOptions(false, Optional.empty(),
                    SpeechSettings.off(), GenerationSettings.defaults()), e -> { });
            live.appendAudio(melBlock(100, 0));
            live.abort();
            assertThrows(IllegalStateException.class, () -> live.commit(""));
            assertEquals(List.of(), engine.requests());
        }
    }

    @Test
    void theProviderIsFoundByNameThroughServiceLoader() {
        try (OmniEngine engine = EngineProvider.open("scripted",
                new EngineOptions(Optional.empty(), "auto", 0, Map.of("step_ms", "1")))) {
            assertEquals("scripted", engine.info().engine());
            TurnResult r = engine.submit(TurnRequest.text("Hello there"), e -> { }).completion().join();
            assertTrue(r.text().contains("“Hello there”"), r.text());
        }
    }

    /** [128, frames] with value bin·1000 + (offset + frame). */
    private static AudioFeatures melBlock(int frames, int offset) {
        float[] mel = new float[128 * frames];
        for (int bin = 0; bin < 128; bin++) {
            for (int f = 0; f < frames; f++) {
                mel[bin * frames + f] = bin * 1000 + offset + f;
            }
        }
        return new AudioFeatures(mel, frames, new float[frames * 160]);
    }

    private static VisionFeatures framePair(float value, double t0) {
        float[] pixels = new float[2 * 2 * VisionFeatures.PATCH_DIM];
        java.util.Arrays.fill(pixels, value);
        return new VisionFeatures(pixels, 1, 2, 2, 1.0, new double[] {t0, t0 + 0.5});
    }
}
