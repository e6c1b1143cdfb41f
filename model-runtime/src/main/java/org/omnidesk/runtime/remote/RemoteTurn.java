// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.omnidesk.runtime.api.AssistantEvent;
import org.omnidesk.runtime.api.AssistantEventListener;
import org.omnidesk.runtime.api.ErrorKind;
import org.omnidesk.runtime.api.FinishReason;
import org.omnidesk.runtime.api.InferenceException;
import org.omnidesk.runtime.api.TurnHandle;
import org.omnidesk.runtime.api.TurnResult;
import org.omnidesk.runtime.api.TurnStats;

/**
 * One turn against the server, run on the engine thread: encode the parts, send the request
 * once, map each server event to {@link AssistantEvent}s in arrival order (TurnStarted at the
 * first event, TextDelta and SpeechChunk as they come, then TurnFinished or TurnFailed), and
 * keep the turn in the conversation unless it failed.
 */
final class RemoteTurn implements TurnHandle {

    private static final long MAX_EVENT_BYTES = 64L << 20;

    private final long turnId;
    private final RemoteEngine.TurnPlan plan;
    private final AssistantEventListener listener;
    private final RemoteSettings settings;
    private final HttpTransport transport;
    private final ScheduledExecutorService watchdog;
    private final Conversation conversation;
    private final Consumer<RemoteTurn> onEnd;
    private final RemoteCall call = new RemoteCall();
    private final CompletableFuture<TurnResult> completion = new CompletableFuture<>();
    private final long submitted = System.nanoTime();
    private final SpeechDecoder speech = new SpeechDecoder();

    private final StringBuilder text = new StringBuilder();
    private boolean started;
    private int textDeltas;
    private int events;
    private long samples;
    private int sampleRate = SpeechDecoder.DEFAULT_RATE;
    private int promptTokens;
    private int completionTokens;
    private long firstToken = -1;
    private long lastToken = -1;
    private long firstAudio = -1;
    private FinishReason finish;
    private boolean done;

    RemoteTurn(long turnId, RemoteEngine.TurnPlan plan, AssistantEventListener listener, RemoteSettings settings,
               HttpTransport transport, ScheduledExecutorService watchdog, Conversation conversation,
               Consumer<RemoteTurn> onEnd) {
        this.turnId = turnId;
        this.plan = plan;
        this.listener = listener;
        this.settings = settings;
        this.transport = transport;
        this.watchdog = watchdog;
        this.conversation = conversation;
        this.onEnd = onEnd;
    }

    @Override
    public long turnId() {
        return turnId;
    }

    @Override
    public void cancel() {
        call.cancel();
    }

    @Override
    public CompletableFuture<TurnResult> completion() {
        return completion;
    }

    void run() {
        Conversation.Pending turn = null;
        try {
            turn = conversation.next(plan.systemPrompt(), plan.parts().get());
            if (call.cancelled()) {
                throw new CancellationException("cancelled before sending");
            }
            byte[] body = ChatRequest.bytes(ChatRequest.body(settings, turn.messages(), plan.speech(),
                    plan.generation(), turn.hasVideo(), turn.useAudioInVideo()));
            receive(transport.send(body, call));
            boolean complete = done || finish != null;
            finish(turn, !complete ? FinishReason.CANCELLED : finish == null ? FinishReason.STOP : finish);
        } catch (CancellationException e) {
            finish(turn, FinishReason.CANCELLED);
        } catch (InferenceException e) {
            fail(e.kind(), e.getMessage());
        } catch (ChunkMapper.MalformedChunkException e) {
            fail(ErrorKind.REMOTE, "The server " + settings.host() + " sent a message OmniDesk cannot read: "
                    + e.getMessage() + "; check that the URL points to a vLLM-Omni (OpenAI-compatible) server");
        } catch (RuntimeException e) {
            fail(ErrorKind.INTERNAL, "The remote turn failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } finally {
            onEnd.accept(this);
        }
    }

    /** Reads the answer until [DONE], the end of the stream, cancellation or a fault. */
    private void receive(HttpTransport.Response response) {
        try (IdleGuard body = new IdleGuard(response.body(), settings.idle(), watchdog)) {
            call.attach(body);
            try {
                if (!settings.stream() || response.contentType().startsWith("application/json")) {
                    handle(ChunkMapper.completion(new String(body.readAllBytes(), StandardCharsets.UTF_8)));
                    return;
                }
                SseReader reader = new SseReader(body, MAX_EVENT_BYTES);
                for (Optional<SseReader.Event> event = reader.next(); event.isPresent() && !done; event = reader.next()) {
                    events++;
                    handle(ChunkMapper.chunk(event.get().data()));
                }
            } catch (IOException e) {
                if (!call.cancelled()) {
                    throw lost(body, e.getClass().getSimpleName());
                }
            }
            if (!call.cancelled() && !done && finish == null) {
                throw lost(body, "the stream ended before the answer was complete");
            }
        } catch (IOException e) {
            // closing the body after reading: nothing depends on it
        }
    }

    private InferenceException lost(IdleGuard body, String why) {
        if (body.expired()) {
            return HttpTransport.remote("The server " + settings.host() + " sent nothing for "
                    + HttpTransport.seconds(settings.idle().toMillis()) + " (after " + events + " messages);"
                    + " the conversation is kept as before this question: ask again, or raise "
                    + RemoteSettings.IDLE_TIMEOUT_MS);
        }
        return HttpTransport.remote("The connection to " + settings.host() + " dropped during the answer (" + why
                + ", after " + events + " messages); the conversation is kept as before this question: ask again");
    }

    private void handle(List<StreamItem> items) {
        for (StreamItem item : items) {
            if (item instanceof StreamItem.Usage u) { // audio chunks repeat the prompt with 0 completion tokens
                promptTokens = Math.max(promptTokens, u.promptTokens());
                completionTokens = Math.max(completionTokens, u.completionTokens());
            }
        }
        if (!started) {
            started = true;
            emit(new AssistantEvent.TurnStarted(turnId, promptTokens, System.nanoTime()));
        }
        for (StreamItem item : items) {
            if (item instanceof StreamItem.Text t) {
                long now = System.nanoTime();
                firstToken = firstToken < 0 ? now : firstToken;
                lastToken = now;
                text.append(t.text());
                emit(new AssistantEvent.TextDelta(turnId, t.text(), textDeltas++, now));
            } else if (item instanceof StreamItem.Audio a && plan.speech().enabled()) {
                SpeechDecoder.Pcm pcm = speech.decode(a.base64());
                if (pcm.samples().length > 0) {
                    long now = System.nanoTime();
                    firstAudio = firstAudio < 0 ? now : firstAudio;
                    sampleRate = pcm.sampleRate();
                    emit(new AssistantEvent.SpeechChunk(turnId, pcm.samples(), pcm.sampleRate(), samples, now));
                    samples += pcm.samples().length;
                }
            } else if (item instanceof StreamItem.Finish f) {
                finish = f.reason();
            } else if (item instanceof StreamItem.ServerError e) {
                throw HttpTransport.remote("The server " + settings.host() + " failed during the answer ("
                        + settings.apiKey().redact(e.message().lines().findFirst().orElse("")) + "); the conversation"
                        + " is kept as before this question: ask again");
            } else if (item instanceof StreamItem.Done) {
                done = true;
            }
        }
    }

    /** Ends a turn that finished or was cancelled; either way it stays in the conversation. */
    private void finish(Conversation.Pending turn, FinishReason reason) {
        if (turn != null) {
            conversation.commit(turn, text.toString());
        }
        TurnStats stats = new TurnStats(promptTokens, Math.max(completionTokens, textDeltas),
                (int) (samples * 50 / sampleRate), millis(firstToken), millis(firstAudio), millis(System.nanoTime()),
                millis(lastToken));
        emit(new AssistantEvent.TurnFinished(turnId, reason, stats));
        completion.complete(new TurnResult(turnId, text.toString(), reason, stats));
    }

    private void fail(ErrorKind kind, String message) {
        String shown = settings.apiKey().redact(message);
        try {
            emit(new AssistantEvent.TurnFailed(turnId, shown, kind));
        } finally {
            completion.completeExceptionally(new InferenceException(kind, shown));
        }
    }

    private void emit(AssistantEvent event) {
        listener.onEvent(event);
    }

    private double millis(long nanos) {
        return nanos < 0 ? -1 : (nanos - submitted) / 1e6;
    }

    @Override
    public String toString() {
        return "RemoteTurn[" + turnId + " to " + settings.host() + "]";
    }
}
