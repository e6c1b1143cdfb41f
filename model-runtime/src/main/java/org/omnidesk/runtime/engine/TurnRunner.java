// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.engine;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.omnidesk.runtime.api.AssistantEvent;
import org.omnidesk.runtime.api.AssistantEventListener;
import org.omnidesk.runtime.api.FinishReason;
import org.omnidesk.runtime.api.SpeechSettings;
import org.omnidesk.runtime.api.TurnResult;
import org.omnidesk.runtime.api.TurnStats;
import org.omnidesk.runtime.api.UserInput;
import org.omnidesk.runtime.decode.Generator;
import org.omnidesk.runtime.decode.Prefill;
import org.omnidesk.runtime.decode.SamplingConfig;
import org.omnidesk.runtime.decode.TextStream;
import org.omnidesk.runtime.encode.Encoders;
import org.omnidesk.runtime.encode.MediaScatter;
import org.omnidesk.runtime.pkg.ModelManifest;
import org.omnidesk.runtime.prompt.Prompt;
import org.omnidesk.runtime.prompt.RopeState;
import org.omnidesk.runtime.speech.FlowOde;
import org.omnidesk.runtime.speech.NoiseRows;
import org.omnidesk.runtime.speech.SpeechStream;
import org.omnidesk.runtime.speech.StreamingPlan;
import org.omnidesk.runtime.speech.TalkerTurn;

/**
 * One turn on the inference thread: prompt rows → Thinker prefill and decode (text events) with
 * the Talker interleaved one step per fed reply token → Token2Wav windows (speech events).
 */
final class TurnRunner {
    private final OmniModel model;
    private final Conversation conversation;
    private final long turnId;
    private final AssistantEventListener listener;
    private final BooleanSupplier cancelled;
    private final OrtSession.RunOptions runOptions;
    private final long startNanos;
    private final Sampling sampling;
    private long firstTokenNanos = -1;
    private long firstAudioNanos = -1;
    private long lastTokenNanos = -1;
    private long samplesOut;
    private final java.util.function.Consumer<TurnTrace> trace; // null = no trace
    private float[] waveform = new float[0];

    TurnRunner(OmniModel model, Conversation conversation, long turnId, AssistantEventListener listener,
               BooleanSupplier cancelled, OrtSession.RunOptions runOptions, long startNanos, Sampling sampling,
               java.util.function.Consumer<TurnTrace> trace) {
        this.trace = trace;
        this.model = model;
        this.conversation = conversation;
        this.turnId = turnId;
        this.listener = listener;
        this.cancelled = cancelled;
        this.runOptions = runOptions;
        this.startNanos = startNanos;
        this.sampling = sampling;
    }

    /** Rows of a prompt ready to prefill: embeddings with media scattered in, and E with media rows zeroed. */
    record Rows(float[] embeds, float[] talkerE) {}

    /** Embeds the prompt's ids and scatters the encoders' rows in placeholder order. */
    Rows embed(long[] ids, List<UserInput> inputs) throws OrtException {
        Encoders enc = model.encoders();
        int width = model.thinker().width();
        float[] embeds = enc.embedTokens(ids, runOptions);
        List<float[]> audio = new ArrayList<>();
        List<float[]> image = new ArrayList<>();
        List<float[]> video = new ArrayList<>();
        for (UserInput in : inputs) {
            if (in instanceof UserInput.Audio a) {
                audio.add(enc.encodeAudio(a.features(), runOptions));
            } else if (in instanceof UserInput.Image i) {
                image.add(enc.encodeVision(i.features(), runOptions));
            } else if (in instanceof UserInput.Video v) {
                video.add(enc.encodeVision(v.features(), runOptions));
                if (v.audio().isPresent()) {
                    audio.add(enc.encodeAudio(v.audio().get(), runOptions));
                }
            }
        }
        ModelManifest.Tokens t = model.manifest().tokens();
        MediaScatter.scatter(ids, embeds, width, t.audio(), concat(audio), "audio");
        MediaScatter.scatter(ids, embeds, width, t.image(), concat(image), "image");
        MediaScatter.scatter(ids, embeds, width, t.video(), concat(video), "video");
        float[] e = embeds.clone();
        for (int p = 0; p < ids.length; p++) {
            if (ids[p] == t.audio() || ids[p] == t.image() || ids[p] == t.video()) {
                java.util.Arrays.fill(e, p * width, (p + 1) * width, 0f);
            }
        }
        return new Rows(embeds, e);
    }

    static float[] concat(List<float[]> parts) {
        float[] out = new float[parts.stream().mapToInt(a -> a.length).sum()];
        int o = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    /** Thinker and Talker settings of the turn, resolved from the manifest and the request. */
    record Sampling(SamplingConfig thinker, int maxNewTokens, SamplingConfig talker, SpeechSettings speech) {}

    /**
     * Generates the answer to {@code prompt} whose rows {@code rows} start after what the cache holds
     * (a live turn has pre-filled part of it already: {@code skip} ids).
     */
    TurnResult generate(Prompt prompt, Rows rows, int skip) throws OrtException {
        ModelManifest m = model.manifest();
        int width = model.thinker().width();
        long[] ids = java.util.Arrays.copyOfRange(prompt.inputIds(), skip, prompt.inputIds().length);
        long[][] pos = new long[3][];
        for (int r = 0; r < 3; r++) {
            pos[r] = java.util.Arrays.copyOfRange(prompt.positions().ids()[r], skip, prompt.inputIds().length);
        }
        RopeState promptState = prompt.state();
        Prefill prefill = new Prefill(ids, rows.embeds(), pos, promptState.decodePosition());
        emit(new AssistantEvent.TurnStarted(turnId, prompt.inputIds().length, System.nanoTime()));

        SpeechSettings speech = sampling.speech();
        TalkerState talker = speech.enabled() ? new TalkerState(speech, promptState.decodePosition()) : null;
        TextStream text = TextStream.of(model.tokenizer().stream(true));
        int[] fedCount = {0};
        Generator.Result result;
        try {
            result = new Generator(model.thinker(), model.encoders()).generate(prefill, conversation.cache,
                    sampling.thinker().picker(), conversation.history,
                    new Generator.Limits(sampling.maxNewTokens(), m.thinker().maxPositions(),
                            m.thinker().stopTokens().stream().mapToLong(Long::longValue).toArray()),
                    text, true, cancelled, runOptions, new Generator.Sink() {
                        @Override
                        public void prefilled(float[] hidden) {
                            float[] h = rows.talkerE().clone();
                            for (int i = 0; i < h.length; i++) {
                                h[i] += hidden[i];
                            }
                            conversation.addTalkerRows(h, pos);
                        }

                        @Override
                        public void text(String delta, int index) {
                            if (!delta.isEmpty()) {
                                lastTokenNanos = System.nanoTime();
                                if (firstTokenNanos < 0) {
                                    firstTokenNanos = lastTokenNanos;
                                }
                                emit(new AssistantEvent.TextDelta(turnId, delta, index, System.nanoTime()));
                            }
                        }

                        @Override
                        public void fed(Generator.Fed token) throws OrtException {
                            float[] r = token.hidden().clone();
                            for (int i = 0; i < width; i++) {
                                r[i] += token.embedding()[i];
                            }
                            long p = promptState.decodePosition() + fedCount[0]++;
                            if (talker != null) {
                                talker.offer(r);
                            }
                            conversation.addTalkerRows(r, new long[][] {{p}, {p}, {p}});
                        }
                    });
        } finally {
            conversation.rope = promptState.afterDecode(fedCount[0]);
            conversation.assistantOpen = true;
        }
        int codes = 0;
        try {
            if (talker != null && !cancelled.getAsBoolean()) {
                codes = talker.finish();
            }
        } catch (OrtException e) {
            if (!cancelled.getAsBoolean()) {
                throw e;
            }
        }
        if (talker != null) {
            talker.close();
        }
        FinishReason reason = cancelled.getAsBoolean() ? FinishReason.CANCELLED : result.reason();
        long end = System.nanoTime();
        TurnStats stats = new TurnStats(prompt.inputIds().length, result.tokens().size(), codes, ms(firstTokenNanos),
                ms(firstAudioNanos), (end - startNanos) / 1e6, ms(lastTokenNanos));
        long[] picked = result.tokens().stream().mapToLong(Integer::longValue).toArray();
        if (trace != null) {
            int[] codesOut = talker == null || talker.stream == null ? new int[0] : talker.stream.codes();
            float[] mel = talker == null || talker.stream == null ? new float[0] : talker.stream.mel();
            trace.accept(new TurnTrace(prompt.inputIds(), prompt.positions().ids(), prompt.ropeDelta(), skip,
                    result.tokens().stream().mapToInt(Integer::intValue).toArray(), codesOut, mel,
                    m.token2wav().melDim(), waveform));
        }
        emit(new AssistantEvent.TurnFinished(turnId, reason, stats));
        return new TurnResult(turnId, model.tokenizer().decode(picked, true), reason, stats);
    }

    private double ms(long nanos) {
        return nanos < 0 ? -1 : (nanos - startNanos) / 1e6;
    }

    private void emit(AssistantEvent e) {
        listener.onEvent(e);
    }

    /** The Talker of this turn and its speech stream, started at the first fed reply token. */
    private final class TalkerState {
        private final SpeechSettings speech;
        private final long nextPosition;
        private TalkerTurn turn;
        private SpeechStream stream;
        private int codes;

        TalkerState(SpeechSettings speech, long nextPosition) {
            this.speech = speech;
            this.nextPosition = nextPosition;
        }

        void offer(float[] replyRow) throws OrtException {
            if (turn == null) {
                start();
            }
            turn.offer(replyRow);
            step();
        }

        private void start() throws OrtException {
            ModelManifest m = model.manifest();
            ModelManifest.Tokens t = m.tokens();
            ModelManifest.TalkerSampling g = m.generation().talker();
            TalkerTurn.Ids ids = new TalkerTurn.Ids((int) t.codecPad(), (int) t.codecBos(), (int) t.codecMask(),
                    t.ttsEos(), t.ttsPad(), g.stopCodes().stream().mapToInt(Integer::intValue).toArray(),
                    speech.maxCodes().orElse(g.maxNewTokens()));
            String voice = speech.voice().orElse(null);
            turn = new TalkerTurn(model.talker(), model.encoders(), ids, sampling.talker().picker(), runOptions,
                    conversation.talkerRows(), conversation.talkerPositions(), nextPosition,
                    model.speaker(voice).bosToken());
            ModelManifest.Token2Wav tw = m.token2wav();
            NoiseRows noise = speech.noise().map(n -> NoiseRows.injected(n, tw.melDim()))
                    .orElseGet(() -> NoiseRows.seeded(sampling.talker().seed(), tw.melDim()));
            FlowOde.Solver solver = speech.ode() == SpeechSettings.OdeSolver.RK4 ? FlowOde.Solver.RK4 : FlowOde.Solver.EULER;
            stream = new SpeechStream(model.token2wav(), model.voice(voice),
                    FlowOde.swayedGrid(tw.odeSteps(), (float) tw.swayCoefficient()), solver, noise,
                    speech.streaming() ? StreamingPlan.OFFICIAL : null, tw.melDim(), tw.hop(), runOptions, this::pcm);
        }

        private void pcm(float[] samples) {
            if (firstAudioNanos < 0) {
                firstAudioNanos = System.nanoTime();
            }
            if (trace != null) {
                float[] all = java.util.Arrays.copyOf(waveform, waveform.length + samples.length);
                System.arraycopy(samples, 0, all, waveform.length, samples.length);
                waveform = all;
            }
            emit(new AssistantEvent.SpeechChunk(turnId, samples, model.manifest().token2wav().sampleRate(), samplesOut,
                    System.nanoTime()));
            samplesOut += samples.length;
        }

        private void step() throws OrtException {
            if (turn.ready() && !cancelled.getAsBoolean()) {
                int code = turn.step();
                if (code >= 0) {
                    codes++;
                    stream.add(code >= model.manifest().token2wav().numCodes() ? 0 : code);
                }
            }
        }

        /** The text has ended: the Talker runs on to its stop code, then the last windows. */
        int finish() throws OrtException {
            if (turn == null) {
                return 0;
            }
            turn.textEnded();
            while (turn.ready() && !cancelled.getAsBoolean()) {
                step();
            }
            if (!cancelled.getAsBoolean()) {
                stream.finish();
            }
            return codes;
        }

        void close() {
            if (turn != null) {
                turn.close();
            }
        }
    }
}
