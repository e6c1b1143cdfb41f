// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.omnidesk.runtime.decode.DecoderGraph;
import org.omnidesk.runtime.decode.Generator;
import org.omnidesk.runtime.decode.KvCache;
import org.omnidesk.runtime.decode.Prefill;
import org.omnidesk.runtime.decode.SamplingConfig;
import org.omnidesk.runtime.decode.TextStream;
import org.omnidesk.runtime.decode.TokenHistory;
import org.omnidesk.runtime.engine.OmniModel;
import org.omnidesk.runtime.onnx.OrtRuntime;
import org.omnidesk.runtime.onnx.ProviderChoice;
import org.omnidesk.runtime.pkg.VerifyListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code omnidesk bench decode}: per decode step, the time inside ONNX Runtime's run (decoder +
 * token embedding) against the whole step; the difference is the Java around it (sampling over
 * the vocabulary, repetition penalty, detokenizing, tensor set-up). Baseline: ORT's own run time
 * in the same steps.
 */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = "Thinker decode: ONNX Runtime run time vs Java overhead per token at several context lengths.")
final class BenchDecodeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", description = "Model package (default: the tiny self-test package).")
    Path model = Path.of(System.getProperty("omnidesk.root", ".")).resolve("packaging/export/tiny/package");

    @Option(names = "--contexts", split = ",", defaultValue = "64,512,2048", description = "Context lengths (default: ${DEFAULT-VALUE}).")
    int[] contexts;

    @Option(names = "--tokens", defaultValue = "64", description = "Decode steps per context (default: ${DEFAULT-VALUE}).")
    int tokens;

    @Option(names = "--threads", defaultValue = "0", description = "ONNX Runtime intra-op threads (0 = its default).")
    int threads;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (OmniModel m = OmniModel.load(model, new OrtRuntime.Options(ProviderChoice.CPU, threads), VerifyListener.NONE)) {
            out.printf("Thinker decode on %s (%s), %d steps per context, greedy with repetition penalty %.2f%n",
                    m.manifest().name(), model, tokens, m.manifest().generation().thinker().repetitionPenalty());
            out.printf("%8s %12s %12s %14s %10s%n", "context", "step ms", "ORT run ms", "Java ms/token", "Java %");
            run(m, contexts[0], out, false); // warm-up
            for (int c : contexts) {
                run(m, c, out, true);
            }
        }
        return 0;
    }

    private void run(OmniModel m, int context, PrintWriter out, boolean print) throws Exception {
        DecoderGraph d = m.thinker();
        long[] ids = new long[context];
        long[][] pos = new long[3][context];
        for (int i = 0; i < context; i++) {
            ids[i] = 1000 + (i * 7919L) % 50000; // ordinary text tokens
            for (int r = 0; r < 3; r++) {
                pos[r][i] = i;
            }
        }
        float[] rows = m.encoders().embedTokens(ids, null);
        long[] stamps = new long[2];
        try (KvCache cache = d.newCache()) {
            Generator.Sink sink = new Generator.Sink() {
                @Override
                public void prefilled(float[] hidden) {
                    stamps[0] = System.nanoTime();
                    stamps[1] = d.runNanos() + m.encoders().embedNanos();
                }

                @Override
                public void text(String delta, int index) {
                }
            };
            new Generator(d, m.encoders()).generate(new Prefill(ids, rows, pos, context), cache,
                    new SamplingConfig(true, 1f, 0, 1f, 1.1f, new int[0], 0).picker(), new TokenHistory(),
                    new Generator.Limits(tokens + 1, Integer.MAX_VALUE, new long[0]), TextStream.of(m.tokenizer().stream(true)), false,
                    () -> false, null, sink);
        }
        double wall = (System.nanoTime() - stamps[0]) / 1e6 / tokens;
        double ort = (d.runNanos() + m.encoders().embedNanos() - stamps[1]) / 1e6 / tokens;
        if (print) {
            out.printf("%8d %12.3f %12.3f %14.3f %9.1f%%%n", context, wall, ort, wall - ort, 100 * (wall - ort) / wall);
        }
    }
}
