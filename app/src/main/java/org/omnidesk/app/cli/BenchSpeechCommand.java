// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.omnidesk.runtime.api.AssistantEvent;
import org.omnidesk.runtime.api.GenerationSettings;
import org.omnidesk.runtime.api.SpeechSettings;
import org.omnidesk.runtime.api.TurnRequest;
import org.omnidesk.runtime.api.UserInput;
import org.omnidesk.runtime.engine.LocalEngine;
import org.omnidesk.runtime.engine.OmniModel;
import org.omnidesk.runtime.onnx.OrtRuntime;
import org.omnidesk.runtime.onnx.ProviderChoice;
import org.omnidesk.runtime.pkg.ModelManifest;
import org.omnidesk.runtime.pkg.VerifyListener;
import org.omnidesk.runtime.speech.FlowOde;
import org.omnidesk.runtime.speech.NoiseRows;
import org.omnidesk.runtime.speech.SpeechStream;
import org.omnidesk.runtime.speech.StreamingPlan;
import org.omnidesk.runtime.speech.TalkerTurn;
import org.omnidesk.runtime.decode.SamplingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code omnidesk bench speech}: Talker codes/s (with its one Thinker step per code), streaming
 * Token2Wav codes/s with Euler and RK4, and first-audio latency from the first reply token —
 * each against the real-time floor of 50 codes/s (one code = 20 ms of speech).
 */
@Command(name = "speech", mixinStandardHelpOptions = true,
        description = "Talker and Token2Wav throughput and first-audio latency against the 50 codes/s real-time floor.")
final class BenchSpeechCommand implements Callable<Integer> {
    private static final double REAL_TIME = 50.0;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", description = "Model package (default: the tiny self-test package).")
    Path model = Path.of(System.getProperty("omnidesk.root", ".")).resolve("packaging/export/tiny/package");

    @Option(names = "--codes", defaultValue = "240", description = "Speech codes per measurement (default: ${DEFAULT-VALUE}).")
    int codes;

    @Option(names = "--threads", defaultValue = "0", description = "ONNX Runtime intra-op threads (0 = its default).")
    int threads;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        OmniModel m = OmniModel.load(model, new OrtRuntime.Options(ProviderChoice.CPU, threads), VerifyListener.NONE);
        try (LocalEngine engine = new LocalEngine(m)) {
            out.printf("Speech on %s, %d codes; real-time floor %.0f codes/s%n", m.manifest().name(), codes, REAL_TIME);
            interleaved(engine, out, false); // warm-up
            double talkerAlone = talker(m);
            out.printf("%-42s %8.1f codes/s  %5.2fx real time%n", "Talker alone (greedy)", talkerAlone, talkerAlone / REAL_TIME);
            double[] turn = interleaved(engine, out, true);
            out.printf("%-42s %8.1f codes/s  %5.2fx real time%n", "spoken turn (Thinker+Talker+Token2Wav)", turn[0],
                    turn[0] / REAL_TIME);
            out.printf("%-42s %8.0f ms (first reply token -> first PCM)%n", "first audio latency (streaming, Euler)", turn[1]);
            for (FlowOde.Solver solver : FlowOde.Solver.values()) {
                double rate = token2wav(m, solver);
                out.printf("%-42s %8.1f codes/s  %5.2fx real time%n", "Token2Wav streaming, " + solver, rate, rate / REAL_TIME);
            }
        }
        return 0;
    }

    /** One spoken turn capped at {@code codes}: codes per second of the whole turn and first-token→first-PCM ms. */
    private double[] interleaved(LocalEngine engine, PrintWriter out, boolean measure) throws Exception {
        long[] first = {-1, -1};
        GenerationSettings greedy = new GenerationSettings(true, OptionalDouble.empty(), OptionalInt.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.of(codes), OptionalLong.of(1));
        long t0 = System.nanoTime();
        var r = engine.submit(new TurnRequest(List.of(new UserInput.Text("Tell me a long story.")), Optional.empty(),
                SpeechSettings.on(null).withMaxCodes(codes), greedy), e -> {
                    if (e instanceof AssistantEvent.TextDelta && first[0] < 0) {
                        first[0] = System.nanoTime();
                    } else if (e instanceof AssistantEvent.SpeechChunk && first[1] < 0) {
                        first[1] = System.nanoTime();
                    }
                }).completion().get(1, TimeUnit.HOURS);
        double seconds = (System.nanoTime() - t0) / 1e9;
        engine.resetConversation();
        return new double[] {r.stats().speechCodes() / seconds, (first[1] - first[0]) / 1e6};
    }

    /** The Talker alone: prefill on a prompt's rows, then one decode step per code, codes per second. */
    private double talker(OmniModel m) throws Exception {
        ModelManifest.Tokens t = m.manifest().tokens();
        ModelManifest.TalkerSampling g = m.manifest().generation().talker();
        long[] prompt = m.tokenizer().encode("Tell me a long story about the sea and the wind.");
        float[] rows = m.encoders().embedTokens(prompt, null); // stands in for H + E; the cost is the same
        long[][] pos = new long[3][prompt.length];
        for (int r = 0; r < 3; r++) {
            for (int i = 0; i < prompt.length; i++) {
                pos[r][i] = i;
            }
        }
        TalkerTurn.Ids ids = new TalkerTurn.Ids((int) t.codecPad(), (int) t.codecBos(), (int) t.codecMask(), t.ttsEos(),
                t.ttsPad(), new int[0], codes + 1);
        long t0 = System.nanoTime();
        int made = 0;
        try (TalkerTurn turn = new TalkerTurn(m.talker(), m.encoders(), ids,
                new SamplingConfig(true, 1f, 0, 1f, (float) g.repetitionPenalty(),
                        g.suppressCodes().stream().mapToInt(Integer::intValue).toArray(), 0).picker(),
                null, rows, pos, prompt.length, m.speaker(null).bosToken())) {
            turn.offer(java.util.Arrays.copyOf(rows, m.talker().width()));
            turn.textEnded();
            while (turn.ready() && made < codes) {
                turn.step();
                made++;
            }
        }
        return made / ((System.nanoTime() - t0) / 1e9);
    }

    /** Streaming Token2Wav alone on random codes: codes per second. */
    private double token2wav(OmniModel m, FlowOde.Solver solver) throws Exception {
        ModelManifest.Token2Wav tw = m.manifest().token2wav();
        SplittableRandom random = new SplittableRandom(3);
        long[] samples = {0};
        SpeechStream stream = new SpeechStream(m.token2wav(), m.voice(null),
                FlowOde.swayedGrid(tw.odeSteps(), (float) tw.swayCoefficient()), solver, NoiseRows.seeded(3, tw.melDim()),
                StreamingPlan.OFFICIAL, tw.melDim(), tw.hop(), null, pcm -> samples[0] += pcm.length);
        long t0 = System.nanoTime();
        for (int i = 0; i < codes; i++) {
            stream.add(random.nextInt(8192));
        }
        stream.finish();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (samples[0] != (long) codes * tw.repeats() * tw.hop()) {
            throw new IllegalStateException("Token2Wav emitted " + samples[0] + " samples for " + codes + " codes");
        }
        return codes / seconds;
    }
}
