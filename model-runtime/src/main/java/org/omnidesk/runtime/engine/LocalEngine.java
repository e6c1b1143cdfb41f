// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.engine;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.omnidesk.runtime.api.AssistantEvent;
import org.omnidesk.runtime.api.AssistantEventListener;
import org.omnidesk.runtime.api.AudioFeatures;
import org.omnidesk.runtime.api.EngineInfo;
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
import org.omnidesk.runtime.api.TurnStats;
import org.omnidesk.runtime.api.UserInput;
import org.omnidesk.runtime.api.VisionFeatures;
import org.omnidesk.runtime.decode.SamplingConfig;
import org.omnidesk.runtime.pkg.ModelManifest;
import org.omnidesk.runtime.prompt.Content;
import org.omnidesk.runtime.prompt.Message;
import org.omnidesk.runtime.prompt.Prompt;

/**
 * Qwen2.5-Omni on ONNX Runtime. One inference thread owns the model's sessions and the
 * conversation; every public method only queues work on it. Events reach listeners on that thread.
 */
public final class LocalEngine implements OmniEngine {
    private final OmniModel model;
    private final ExecutorService inference = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "omnidesk-inference");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong turnIds = new AtomicLong();
    private Conversation conversation; // inference thread only
    private volatile java.util.function.Consumer<TurnTrace> trace;

    public LocalEngine(OmniModel model) {
        this.model = model;
    }

    /** Receives a {@link TurnTrace} after every turn (null switches tracing off). */
    public void trace(java.util.function.Consumer<TurnTrace> consumer) {
        this.trace = consumer;
    }

    @Override
    public EngineInfo info() {
        return model.info();
    }

    @Override
    public TurnHandle submit(TurnRequest request, AssistantEventListener listener) {
        Handle h = new Handle(turnIds.incrementAndGet(), listener);
        inference.execute(() -> h.run(() -> {
            Conversation c = conversation();
            Message user = new Message(Message.Role.USER, request.inputs().stream().map(Content::of).toList());
            Prompt prompt = prompt(c, request.systemPrompt().orElse(null), user, request.speech().enabled(),
                    request.generation());
            TurnRunner runner = h.runner(c, sampling(request.generation(), request.speech()));
            return runner.generate(prompt, runner.embed(prompt.inputIds(), request.inputs()), 0);
        }));
        return h;
    }

    /**
     * The turn's prompt after the cache. The context policy of {@link Conversation}: a turn that does
     * not fit with its answer budget restarts the conversation.
     */
    private Prompt prompt(Conversation c, String system, Message user, boolean speech, GenerationSettings g) {
        int budget = g.maxNewTokens().orElse(model.manifest().generation().thinker().maxNewTokens());
        int window = model.manifest().thinker().maxPositions();
        if (!c.isEmpty()) {
            Prompt next = model.template().append(c.rope, c.assistantOpen, List.of(user), true);
            if (c.cache.length() + next.inputIds().length + budget <= window) {
                return next;
            }
            c.reset();
        }
        List<Message> first = new ArrayList<>();
        if (system != null) {
            first.add(Message.text(Message.Role.SYSTEM, system));
        }
        first.add(user);
        return model.template().render(first, speech, true);
    }

    private Conversation conversation() throws OrtException {
        if (conversation == null) {
            conversation = new Conversation(model.thinker());
        }
        return conversation;
    }

    /** Thinker and Talker sampling: the manifest's values, overridden by the turn's settings. */
    private TurnRunner.Sampling sampling(GenerationSettings g, SpeechSettings speech) {
        ModelManifest.ThinkerSampling th = model.manifest().generation().thinker();
        ModelManifest.TalkerSampling tk = model.manifest().generation().talker();
        long seed = g.seed().orElse(System.nanoTime());
        double temperature = g.temperature().orElse(th.temperature());
        boolean greedy = g.greedy() || temperature <= 0;
        SamplingConfig thinker = new SamplingConfig(greedy, greedy ? 1f : (float) temperature,
                g.topK().orElse(th.topK()), (float) g.topP().orElse(th.topP()),
                (float) g.repetitionPenalty().orElse(th.repetitionPenalty()), new int[0], seed);
        SamplingConfig talker = new SamplingConfig(g.greedy(), (float) tk.temperature(), tk.topK(), (float) tk.topP(),
                (float) tk.repetitionPenalty(), tk.suppressCodes().stream().mapToInt(Integer::intValue).toArray(),
                seed + 1);
        return new TurnRunner.Sampling(thinker, g.maxNewTokens().orElse(th.maxNewTokens()), talker, speech);
    }

    @Override
    public LiveTurn openLiveTurn(LiveTurnOptions options, AssistantEventListener listener) {
        return new Live(options, listener);
    }

    @Override
    public void resetConversation() {
        inference.execute(() -> {
            if (conversation != null) {
                conversation.reset();
            }
        });
    }

    @Override
    public void close() {
        inference.execute(() -> {
            if (conversation != null) {
                conversation.close();
            }
            model.close();
        });
        inference.shutdown();
        try {
            inference.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Work that produces a turn's result on the inference thread. */
    @FunctionalInterface
    private interface TurnWork {
        TurnResult run() throws OrtException;
    }

    /** A turn: its cancellation (flag + RunOptions terminate) and its completion. */
    private final class Handle implements TurnHandle {
        private final long id;
        private final AssistantEventListener listener;
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final CompletableFuture<TurnResult> done = new CompletableFuture<>();
        private final OrtSession.RunOptions runOptions;
        private final long start = System.nanoTime();

        Handle(long id, AssistantEventListener listener) {
            this.id = id;
            this.listener = listener;
            try {
                this.runOptions = new OrtSession.RunOptions();
            } catch (OrtException e) {
                throw new InferenceException(ErrorKind.INTERNAL, "ONNX Runtime cannot create run options: " + e.getMessage(), e);
            }
        }

        TurnRunner runner(Conversation c, TurnRunner.Sampling sampling) {
            return new TurnRunner(model, c, id, listener, cancelled::get, runOptions, start, sampling, trace);
        }

        void run(TurnWork work) {
            try {
                if (cancelled.get()) {
                    TurnStats none = new TurnStats(0, 0, 0, -1, -1, (System.nanoTime() - start) / 1e6);
                    listener.onEvent(new AssistantEvent.TurnFinished(id, FinishReason.CANCELLED, none));
                    done.complete(new TurnResult(id, "", FinishReason.CANCELLED, none));
                    return;
                }
                done.complete(work.run());
            } catch (InferenceException e) {
                fail(e);
            } catch (OrtException | RuntimeException e) {
                fail(new InferenceException(ErrorKind.INTERNAL, "Inference failed: " + firstLine(e), e));
            } finally {
                runOptions.close();
            }
        }

        private void fail(InferenceException e) {
            listener.onEvent(new AssistantEvent.TurnFailed(id, e.getMessage(), e.kind()));
            done.completeExceptionally(e);
        }

        @Override
        public long turnId() {
            return id;
        }

        @Override
        public void cancel() {
            if (cancelled.compareAndSet(false, true)) {
                try {
                    runOptions.setTerminate(true);
                } catch (OrtException | IllegalStateException e) {
                    // The turn already ended and closed its options: the flag alone is enough.
                }
            }
        }

        @Override
        public CompletableFuture<TurnResult> completion() {
            return done;
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    /**
     * A live turn, pre-filled while it is recorded. Every append re-renders the turn with what has
     * arrived so far and pre-fills the part of it that can no longer change: with audio only, the
     * rows up to the last complete 2 s block (50 tokens each); with the camera (audio-in-video), up
     * to the last complete 2 s chunk — its frame pairs and its 200 mel frames both in. The rest and
     * the closing tokens follow at commit. The conversation is checkpointed first, so
     * {@link #abort()} leaves no trace.
     */
    private final class Live implements LiveTurn {
        private final LiveTurnOptions options;
        private final AssistantEventListener listener;
        private final RowCursor audioRows = new RowCursor();          // encoder output per block, [n, D] each
        private final List<VisionFeatures> framePairs = new ArrayList<>();
        private final RowCursor videoRows = new RowCursor();          // encoder output per frame pair, [h·w/4, D]
        private int frames;        // mel frames so far
        private int grids;         // temporal grids (frame pairs) so far
        private int prefilled;     // ids of this turn already in the cache
        private Conversation.Snapshot base; // the conversation before this turn
        private boolean closed;

        Live(LiveTurnOptions options, AssistantEventListener listener) {
            this.options = options;
            this.listener = listener;
            inference.execute(() -> {
                try {
                    base = conversation().snapshot();
                } catch (OrtException e) {
                    failed(e);
                }
            });
        }

        private void failed(Exception e) {
            listener.onEvent(new AssistantEvent.TurnFailed(0, "Live turn failed: " + firstLine(e), ErrorKind.INTERNAL));
        }

        @Override
        public void appendAudio(AudioFeatures block) {
            check();
            inference.execute(() -> {
                try {
                    audioRows.add(model.encoders().encodeAudio(block, null));
                    frames += block.frames();
                    prefillStable();
                } catch (OrtException | RuntimeException e) {
                    failed(e);
                }
            });
        }

        @Override
        public void appendFrames(VisionFeatures framePair) {
            check();
            if (!options.withCamera()) {
                throw new IllegalStateException("this live turn was opened without the camera");
            }
            inference.execute(() -> {
                try {
                    framePairs.add(framePair);
                    videoRows.add(model.encoders().encodeVision(framePair, null));
                    grids += framePair.gridT();
                    prefillStable();
                } catch (OrtException | RuntimeException e) {
                    failed(e);
                }
            });
        }

        /** The media item of this turn as recorded so far, or null while nothing can be rendered. */
        private Content recorded() {
            if (!options.withCamera()) {
                return frames == 0 ? null : new Content.Audio(frames);
            }
            if (grids == 0) {
                return null;
            }
            VisionFeatures first = framePairs.get(0);
            return new Content.Video(new org.omnidesk.runtime.prompt.GridThw(grids, first.gridH(), first.gridW()),
                    first.secondPerGrid(), frames == 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(frames));
        }

        /** Pre-fills the rows of the current rendering that later arrivals cannot change. */
        private void prefillStable() throws OrtException {
            Content item = recorded();
            if (item == null) {
                return;
            }
            Prompt partial = livePrompt(List.of(item), "");
            int end = stableEnd(partial.inputIds());
            if (end > prefilled) {
                prefill(partial, end);
            }
        }

        /**
         * Audio only: after the 50·⌊frames/200⌋-th {@code <|AUDIO|>}. Camera: after the audio run of
         * the last 2 s chunk whose video (⌊grids·spg/2⌋ chunks) and audio (⌊frames/200⌋) are complete.
         */
        private int stableEnd(long[] ids) {
            long audio = model.manifest().tokens().audio();
            if (!options.withCamera()) {
                int want = 50 * (frames / 200);
                int seen = 0;
                for (int p = 0; p < ids.length && want > 0; p++) {
                    if (ids[p] == audio && ++seen == want) {
                        return p + 1;
                    }
                }
                return 0;
            }
            double spg = framePairs.get(0).secondPerGrid();
            int chunks = Math.min((int) Math.floor(grids * spg / 2.0), frames / 200);
            int runs = 0;
            for (int p = 0; p < ids.length && chunks > 0; p++) {
                boolean runEnds = ids[p] == audio && (p + 1 == ids.length || ids[p + 1] != audio);
                if (runEnds && ++runs == chunks) {
                    return p + 1;
                }
            }
            return 0;
        }

        /** Pre-fills ids [prefilled, end) of {@code p}, media rows taken in order from the encoded pieces. */
        private void prefill(Prompt p, int end) throws OrtException {
            Conversation c = conversation();
            long[] slice = java.util.Arrays.copyOfRange(p.inputIds(), prefilled, end);
            long[][] pos = new long[3][];
            for (int r = 0; r < 3; r++) {
                pos[r] = java.util.Arrays.copyOfRange(p.positions().ids()[r], prefilled, end);
            }
            TurnRunner.Rows rows = rows(slice);
            float[] hidden = model.thinker().run(rows.embeds(), pos, c.cache, true, null).hidden();
            float[] talker = rows.talkerE();
            for (int i = 0; i < talker.length; i++) {
                talker[i] += hidden[i];
            }
            c.addTalkerRows(talker, pos);
            c.history.addAll(slice);
            prefilled = end;
        }

        /** Embeds ids of this turn; {@code <|AUDIO|>} / {@code <|VIDEO|>} rows continue from what was pre-filled. */
        private TurnRunner.Rows rows(long[] slice) throws OrtException {
            int width = model.thinker().width();
            float[] embeds = model.encoders().embedTokens(slice, null);
            float[] e = embeds.clone();
            ModelManifest.Tokens t = model.manifest().tokens();
            for (int p = 0; p < slice.length; p++) {
                if (slice[p] == t.audio()) {
                    audioRows.next(embeds, p * width, width);
                } else if (slice[p] == t.video()) {
                    videoRows.next(embeds, p * width, width);
                } else {
                    continue;
                }
                java.util.Arrays.fill(e, p * width, (p + 1) * width, 0f);
            }
            return new TurnRunner.Rows(embeds, e);
        }

        private Prompt livePrompt(List<Content> items, String trailing) {
            List<Content> content = new ArrayList<>(items);
            if (!trailing.isEmpty()) {
                content.add(new Content.Text(trailing));
            }
            Message user = new Message(Message.Role.USER, content);
            if (base.empty()) {
                List<Message> first = new ArrayList<>();
                options.systemPrompt().ifPresent(s -> first.add(Message.text(Message.Role.SYSTEM, s)));
                first.add(user);
                return model.template().render(first, options.speech().enabled(), true);
            }
            return model.template().append(base.rope(), base.assistantOpen(), List.of(user), true);
        }

        @Override
        public TurnHandle commit(String trailingText) {
            check();
            closed = true;
            Handle h = new Handle(turnIds.incrementAndGet(), listener);
            inference.execute(() -> h.run(() -> {
                Conversation c = conversation();
                c.cache.release();
                Content item = recorded();
                if (item == null) {
                    throw new InferenceException(ErrorKind.UNSUPPORTED_INPUT,
                            "Nothing was recorded; speak, then release the talk button");
                }
                Prompt full = livePrompt(List.of(item), trailingText);
                long[] rest = java.util.Arrays.copyOfRange(full.inputIds(), prefilled, full.inputIds().length);
                TurnRunner runner = h.runner(c, sampling(options.generation(), options.speech()));
                return runner.generate(full, rows(rest), prefilled);
            }));
            return h;
        }

        @Override
        public void abort() {
            if (closed) {
                return;
            }
            closed = true;
            inference.execute(() -> {
                if (conversation != null && base != null) {
                    conversation.restore(base);
                }
            });
        }

        private void check() {
            if (closed) {
                throw new IllegalStateException("this live turn was already committed or aborted");
            }
        }
    }

    /**
     * Encoder outputs of a live turn, block by block ([n, D] each), read row by row in order without
     * joining them (a long recording must not copy everything it holds at every block).
     */
    private static final class RowCursor {
        private final List<float[]> blocks = new ArrayList<>();
        private int block;   // block of the next row
        private int offset;  // float offset of the next row in that block

        void add(float[] rows) {
            blocks.add(rows);
        }

        /** Copies the next row [D] to {@code target[at, at + width)}. */
        void next(float[] target, int at, int width) {
            while (offset == blocks.get(block).length) {
                block++;
                offset = 0;
            }
            System.arraycopy(blocks.get(block), offset, target, at, width);
            offset += width;
        }
    }
}
