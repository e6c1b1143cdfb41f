// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.omnidesk.runtime.api.AssistantEventListener;
import org.omnidesk.runtime.api.EngineInfo;
import org.omnidesk.runtime.api.GenerationSettings;
import org.omnidesk.runtime.api.LiveTurn;
import org.omnidesk.runtime.api.LiveTurnOptions;
import org.omnidesk.runtime.api.OmniEngine;
import org.omnidesk.runtime.api.SpeechSettings;
import org.omnidesk.runtime.api.TurnHandle;
import org.omnidesk.runtime.api.TurnRequest;

/**
 * An {@link OmniEngine} backed by a vLLM-Omni server's OpenAI-compatible
 * {@code /v1/chat/completions} (streamed as server-sent events): the same events as the local
 * engine, so the UI and the command line do not know which one runs. Media are sampled and
 * resized locally and uploaded as files (see {@link UploadEncoder}); the conversation lives here
 * as messages ({@link Conversation}). Nothing is sent anywhere until a turn is submitted.
 *
 * <pre>{@code
 * Map<String, String> settings = Map.of(RemoteSettings.URL, "http://gpu-box:8091/v1",
 *         RemoteSettings.API_KEY_ENV, "OMNIDESK_API_KEY");
 * try (OmniEngine engine = EngineProvider.open("remote", new EngineOptions(Optional.empty(), "auto", 0, settings))) {
 *     engine.submit(TurnRequest.text("Hello"), event -> { ... }).completion().join();
 * }
 * }</pre>
 */
public final class RemoteEngine implements OmniEngine {

    private final RemoteSettings settings;
    private final HttpTransport transport;
    private final ExecutorService inference;
    private final ScheduledExecutorService watchdog;
    private final Conversation conversation = new Conversation();
    private final AtomicLong nextTurnId = new AtomicLong(1);
    private final Set<RemoteTurn> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** What a turn sends: its parts (encoded on the engine thread) and its options. */
    record TurnPlan(Supplier<List<UploadPart>> parts, Optional<String> systemPrompt, SpeechSettings speech,
                    GenerationSettings generation) {}

    public RemoteEngine(RemoteSettings settings) {
        this.settings = settings;
        this.transport = new HttpTransport(settings);
        this.inference = Executors.newSingleThreadExecutor(r -> daemon(r, "remote-engine"));
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "remote-idle-watchdog"));
    }

    @Override
    public EngineInfo info() {
        return new EngineInfo("remote", settings.model().orElse("the server's model"), false,
                List.of(new EngineInfo.GraphPlacement("thinker, talker, token2wav", "vLLM-Omni",
                        "served by vLLM-Omni at " + settings.baseUrl())),
                "remote: " + settings.host());
    }

    @Override
    public TurnHandle submit(TurnRequest request, AssistantEventListener listener) {
        return start(new TurnPlan(() -> UploadEncoder.encodeAll(request.inputs()), request.systemPrompt(),
                request.speech(), request.generation()), listener);
    }

    @Override
    public LiveTurn openLiveTurn(LiveTurnOptions options, AssistantEventListener listener) {
        return new RemoteLiveTurn(options, parts -> start(new TurnPlan(() -> parts, options.systemPrompt(),
                options.speech(), options.generation()), listener));
    }

    @Override
    public void resetConversation() {
        inference.execute(conversation::clear); // after the turns already queued
    }

    TurnHandle start(TurnPlan plan, AssistantEventListener listener) {
        if (closed.get()) {
            throw new IllegalStateException("the remote engine is closed");
        }
        RemoteTurn turn = new RemoteTurn(nextTurnId.getAndIncrement(), plan, listener, settings, transport,
                watchdog, conversation, pending::remove);
        pending.add(turn);
        inference.execute(turn::run);
        return turn;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            pending.forEach(RemoteTurn::cancel);
            inference.shutdown();
            try {
                inference.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            watchdog.shutdownNow();
            transport.close();
        }
    }

    @Override
    public String toString() {
        return "RemoteEngine[" + settings.baseUrl() + ", key " + settings.apiKey() + "]";
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
