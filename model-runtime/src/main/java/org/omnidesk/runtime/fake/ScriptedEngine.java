// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.fake;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.omnidesk.runtime.api.AssistantEvent;
import org.omnidesk.runtime.api.AssistantEventListener;
import org.omnidesk.runtime.api.EngineInfo;
import org.omnidesk.runtime.api.ErrorKind;
import org.omnidesk.runtime.api.FinishReason;
import org.omnidesk.runtime.api.InferenceException;
import org.omnidesk.runtime.api.LiveTurn;
import org.omnidesk.runtime.api.LiveTurnOptions;
import org.omnidesk.runtime.api.OmniEngine;
import org.omnidesk.runtime.api.TurnHandle;
import org.omnidesk.runtime.api.TurnRequest;
import org.omnidesk.runtime.api.TurnResult;
import org.omnidesk.runtime.api.TurnStats;
import org.omnidesk.runtime.api.UserInput;

/**
 * An {@link OmniEngine} that replays a {@link Script} instead of running a model: text deltas
 * at the {@link Pacing}'s rate and, with speech on, a 220 Hz tone as PCM chunks. It keeps the
 * real engine's contract (one inference thread, events in order, cancel within one step,
 * live turns), so the UI and the app's state machine run and are tested without weights.
 */
public final class ScriptedEngine implements OmniEngine {

    static final double TONE_HZ = 220.0;
    static final float TONE_AMPLITUDE = 0.25f;

    private final Script script;
    private final Pacing pacing;
    private final ExecutorService inference;
    private final AtomicLong nextTurnId = new AtomicLong(1);
    private final AtomicInteger conversationTurns = new AtomicInteger();
    private final List<TurnRequest> requests = new CopyOnWriteArrayList<>();
    private final Set<ScriptedTurn> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    public ScriptedEngine(Script script, Pacing pacing) {
        this.script = script;
        this.pacing = pacing;
        this.inference = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "scripted-engine");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public EngineInfo info() {
        return new EngineInfo("scripted", "Scripted replies (no model)", false,
                List.of(new EngineInfo.GraphPlacement("script", "none",
                        "the scripted engine replays canned text and a tone; no model runs")),
                "this process");
    }

    @Override
    public TurnHandle submit(TurnRequest request, AssistantEventListener listener) {
        if (closed.get()) {
            throw new IllegalStateException("the scripted engine is closed");
        }
        requests.add(request);
        ScriptedTurn turn = new ScriptedTurn(nextTurnId.getAndIncrement(), request, listener);
        pending.add(turn);
        inference.execute(turn::run);
        return turn;
    }

    @Override
    public LiveTurn openLiveTurn(LiveTurnOptions options, AssistantEventListener listener) {
        return new ScriptedLiveTurn(options, trailing -> submit(trailing, listener));
    }

    @Override
    public void resetConversation() {
        conversationTurns.set(0);
    }

    /** Every request submitted so far, in order (live turns as the request they became). */
    public List<TurnRequest> requests() {
        return List.copyOf(requests);
    }

    /** Turns answered since the last {@link #resetConversation()}. */
    public int conversationTurns() {
        return conversationTurns.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            pending.forEach(ScriptedTurn::cancel);
            inference.shutdown();
            try {
                inference.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Rough prompt length: ~4 characters per text token, features' own token counts for media. */
    static int promptTokens(TurnRequest request) {
        int tokens = 0;
        for (UserInput input : request.inputs()) {
            if (input instanceof UserInput.Text text) {
                tokens += text.text().length() / 4 + 1;
            } else if (input instanceof UserInput.Audio audio) {
                tokens += audio.features().frames() / 4 + 2;
            } else if (input instanceof UserInput.Image image) {
                tokens += image.features().tokens() + 2;
            } else if (input instanceof UserInput.Video video) {
                tokens += video.features().tokens() + 2 + video.audio().map(a -> a.frames() / 4).orElse(0);
            }
        }
        return tokens;
    }

    /** One turn's replay; its own cancel flag and a latch that wakes the pacing sleep at once. */
    private final class ScriptedTurn implements TurnHandle {
        private final long turnId;
        private final TurnRequest request;
        private final AssistantEventListener listener;
        private final long submittedNanos = System.nanoTime();
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final CountDownLatch wake = new CountDownLatch(1);
        private final CompletableFuture<TurnResult> completion = new CompletableFuture<>();

        ScriptedTurn(long turnId, TurnRequest request, AssistantEventListener listener) {
            this.turnId = turnId;
            this.request = request;
            this.listener = listener;
        }

        @Override
        public long turnId() {
            return turnId;
        }

        @Override
        public void cancel() {
            if (cancelled.compareAndSet(false, true)) {
                wake.countDown();
            }
        }

        @Override
        public CompletableFuture<TurnResult> completion() {
            return completion;
        }

        void run() {
            try {
                replay();
            } catch (RuntimeException e) {
                fail(ErrorKind.INTERNAL, "the scripted turn failed: " + e.getMessage());
            } finally {
                pending.remove(this);
            }
        }

        private void replay() {
            ScriptedReply reply = script.reply(request);
            int promptTokens = promptTokens(request);
            listener.onEvent(new AssistantEvent.TurnStarted(turnId, promptTokens, System.nanoTime()));
            boolean speech = request.speech().enabled() && reply.failure().isEmpty();
            List<String> deltas = reply.deltas();
            int steps = deltas.size() + (speech && !deltas.isEmpty() ? pacing.speechLag() : 0);
            StringBuilder text = new StringBuilder();
            long firstTokenNanos = -1;
            long lastTokenNanos = -1;
            long firstAudioNanos = -1;
            long samples = 0;
            int sent = 0;
            for (int step = 0; step < steps && !pause(); step++) {
                if (step < deltas.size()) {
                    long now = System.nanoTime();
                    firstTokenNanos = firstTokenNanos < 0 ? now : firstTokenNanos;
                    lastTokenNanos = now;
                    text.append(deltas.get(step));
                    listener.onEvent(new AssistantEvent.TextDelta(turnId, deltas.get(step), step, now));
                    sent++;
                }
                int chunk = step - pacing.speechLag();
                if (speech && chunk >= 0 && chunk < deltas.size()) {
                    long now = System.nanoTime();
                    firstAudioNanos = firstAudioNanos < 0 ? now : firstAudioNanos;
                    listener.onEvent(new AssistantEvent.SpeechChunk(turnId, tone(samples, pacing.samplesPerDelta()),
                            pacing.sampleRate(), samples, now));
                    samples += pacing.samplesPerDelta();
                }
            }
            if (!cancelled.get() && reply.failure().isPresent()) {
                fail(reply.failure().get().kind(), reply.failure().get().message());
                return;
            }
            FinishReason reason = cancelled.get() ? FinishReason.CANCELLED : FinishReason.STOP;
            TurnStats stats = new TurnStats(promptTokens, sent, (int) (samples / (pacing.sampleRate() / 50)),
                    millisSinceSubmit(firstTokenNanos), millisSinceSubmit(firstAudioNanos),
                    millisSinceSubmit(System.nanoTime()), millisSinceSubmit(lastTokenNanos));
            conversationTurns.incrementAndGet();
            listener.onEvent(new AssistantEvent.TurnFinished(turnId, reason, stats));
            completion.complete(new TurnResult(turnId, text.toString(), reason, stats));
        }

        /** Waits one step; true when the turn was cancelled (at once, not at the step's end). */
        private boolean pause() {
            try {
                return wake.await(pacing.step().toNanos(), TimeUnit.NANOSECONDS) || cancelled.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancelled.set(true);
                return true;
            }
        }

        private void fail(ErrorKind kind, String message) {
            listener.onEvent(new AssistantEvent.TurnFailed(turnId, message, kind));
            completion.completeExceptionally(new InferenceException(kind, message));
        }

        private double millisSinceSubmit(long nanos) {
            return nanos < 0 ? -1 : (nanos - submittedNanos) / 1e6;
        }
    }

    /** {@code count} samples of the tone, continuing its phase from absolute sample {@code first}. */
    float[] tone(long first, int count) {
        float[] pcm = new float[count];
        double w = 2 * Math.PI * TONE_HZ / pacing.sampleRate();
        for (int i = 0; i < count; i++) {
            pcm[i] = (float) (TONE_AMPLITUDE * Math.sin(w * (first + i)));
        }
        return pcm;
    }
}
