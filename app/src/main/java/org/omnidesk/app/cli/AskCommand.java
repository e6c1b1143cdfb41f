// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.omnidesk.app.config.AppDirs;
import org.omnidesk.app.media.MediaInputs;
import org.omnidesk.app.media.WavFile;
import org.omnidesk.app.remote.RemoteConfigStore;
import org.omnidesk.capture.io.Npy;
import org.omnidesk.runtime.api.EngineOptions;
import org.omnidesk.runtime.api.EngineProvider;
import org.omnidesk.runtime.api.GenerationSettings;
import org.omnidesk.runtime.api.InferenceException;
import org.omnidesk.runtime.api.OmniEngine;
import org.omnidesk.runtime.api.SpeechSettings;
import org.omnidesk.runtime.api.TurnRequest;
import org.omnidesk.runtime.api.TurnResult;
import org.omnidesk.runtime.api.UserInput;
import org.omnidesk.runtime.engine.LocalEngine;
import org.omnidesk.runtime.engine.OmniModel;
import org.omnidesk.runtime.engine.TurnTrace;
import org.omnidesk.runtime.onnx.OrtRuntime;
import org.omnidesk.runtime.onnx.ProviderChoice;
import org.omnidesk.runtime.pkg.VerifyListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code omnidesk ask}: one question to the model, the answer streamed to stdout (and spoken). */
@Command(name = "ask", mixinStandardHelpOptions = true,
        description = "Ask the model (local, or a vLLM-Omni server with --remote) one question about optional media;"
                + " the answer streams to stdout and is spoken.")
final class AskCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", description = "Model package folder (needed unless --remote).")
    Path model;

    @Mixin
    RemoteOptions remote;

    @Option(names = "--image", paramLabel = "FILE", description = "An image (repeatable).")
    List<Path> images = new ArrayList<>();

    @Option(names = "--audio", paramLabel = "FILE", description = "An audio file (repeatable; any media file's sound).")
    List<Path> audios = new ArrayList<>();

    @Option(names = "--video", paramLabel = "FILE", description = "A video (repeatable).")
    List<Path> videos = new ArrayList<>();

    @Option(names = "--audio-in-video", description = "Use the videos' sound tracks (TMRoPE interleaving).")
    boolean audioInVideo;

    @Option(names = "--system", paramLabel = "TEXT", description = "System prompt (a persona when speech is on).")
    String system;

    @Option(names = "--greedy", description = "Argmax after the repetition penalty for Thinker and Talker (do_sample=False).")
    boolean greedy;

    @Option(names = "--seed", paramLabel = "N", description = "Sampling seed.")
    Long seed;

    @Option(names = "--max-tokens", paramLabel = "N", description = "Maximum new text tokens.")
    Integer maxTokens;

    @Option(names = "--provider", defaultValue = "auto", paramLabel = "P", description = "auto | cuda | directml | cpu (default: ${DEFAULT-VALUE}).")
    String provider;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N", description = "ONNX Runtime intra-op threads (0 = its default).")
    int threads;

    @Option(names = "--no-speech", description = "Text only: the Talker does not run.")
    boolean noSpeech;

    @Option(names = "--voice", paramLabel = "NAME", description = "Voice (e.g. Chelsie, Ethan; default: the package's).")
    String voice;

    @Option(names = "--wav", paramLabel = "OUT", description = "Write the spoken answer as a 24 kHz WAV file.")
    Path wav;

    @Option(names = "--max-codes", paramLabel = "N", description = "Cap the speech at N codes (50 per second).")
    Integer maxCodes;

    @Option(names = "--noise", paramLabel = "F.npy", description = "Initial Token2Wav noise, float32 [N, 80], N >= 2 x codes.")
    Path noise;

    @Option(names = "--ode", defaultValue = "euler", paramLabel = "euler|rk4", description = "Token2Wav ODE solver (default: ${DEFAULT-VALUE}).")
    String ode;

    @Option(names = "--token2wav", defaultValue = "stream", paramLabel = "stream|full", description = "Windowed streaming or one window (default: ${DEFAULT-VALUE}).")
    String token2wav;

    @Option(names = "--no-play", description = "Do not play the answer on the speakers.")
    boolean noPlay;

    @Option(names = "--dump", paramLabel = "DIR", description = "Write result.json (ids, positions, tokens, codes, timings), mel.npy, waveform.npy.")
    Path dump;

    @Option(names = "--request", paramLabel = "REQ.json", description = "A request as for 'omnidesk prompt' (media by \"path\"), "
            + "plus \"generation\": {greedy, max_new_tokens, seed, temperature, top_k, top_p, repetition_penalty}.")
    Path requestFile;

    @Parameters(paramLabel = "QUESTION", arity = "0..1", description = "The question.")
    String question;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<EngineOptions> server = remote.engineOptions(RemoteConfigStore.in(AppDirs.current()));
        if (server.isEmpty() && model == null) {
            throw new ParameterException(spec.commandLine(),
                    "Missing required option: '--model=DIR' (or --remote URL to ask a vLLM-Omni server)");
        }

        List<UserInput> inputs = new ArrayList<>();
        GenerationSettings fromFile = null;
        if (requestFile != null) {
            AskRequest req = AskRequest.read(requestFile);
            inputs.addAll(req.inputs());
            system = req.system() != null ? req.system() : system;
            noSpeech = noSpeech || !req.speech();
            fromFile = req.generation();
        }
        for (Path p : images) {
            inputs.add(MediaInputs.image(p));
        }
        for (Path p : audios) {
            inputs.add(MediaInputs.audio(p));
        }
        for (Path p : videos) {
            inputs.add(MediaInputs.video(p, audioInVideo, f -> { }));
        }
        if (question != null) {
            inputs.add(new UserInput.Text(question));
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("Nothing to ask: give a QUESTION and/or --image/--audio/--video");
        }
        SpeechSettings speech = speech();
        GenerationSettings base = fromFile != null ? fromFile : GenerationSettings.defaults();
        GenerationSettings generation = new GenerationSettings(greedy || base.greedy(), base.temperature(), base.topK(),
                base.topP(), base.repetitionPenalty(),
                maxTokens == null ? base.maxNewTokens() : OptionalInt.of(maxTokens),
                seed == null ? base.seed() : OptionalLong.of(seed));
        TurnRequest request = new TurnRequest(inputs, Optional.ofNullable(system), speech, generation);

        List<TurnTrace> traces = new ArrayList<>();
        try (OmniEngine engine = server.isPresent() ? EngineProvider.open("remote", server.get()) : local(traces);
             SpeechOut speaker = new SpeechOut(speech.enabled() && !noPlay, err)) {
            TurnPrinter printer = new TurnPrinter(out, err, speaker::play);
            TurnResult result;
            try {
                result = engine.submit(request, printer).completion().get(1, TimeUnit.HOURS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof InferenceException) {
                    return 1; // the printer showed its one-line message
                }
                throw e;
            }
            var s = result.stats();
            err.printf("[%s: %d prompt tokens, %d new tokens, %.1f tok/s, first token %.0f ms, first audio %s, %d speech codes, %.0f ms]%n",
                    result.reason().name().toLowerCase(java.util.Locale.ROOT), s.promptTokens(), s.generatedTokens(),
                    s.tokensPerSecond(), s.firstTokenMs(), s.firstAudioMs() < 0 ? "-" : String.format("%.0f ms", s.firstAudioMs()),
                    s.speechCodes(), s.totalMs());
            Optional<TurnTrace> trace = traces.stream().findFirst();
            float[] waveform = trace.map(TurnTrace::waveform).orElseGet(printer::speech);
            if (wav != null) {
                WavFile.write(wav, waveform, trace.isPresent() ? 24_000 : printer.sampleRate());
            }
            if (dump != null) {
                dump(trace, result, waveform);
            }
            speaker.drain();
        }
        return 0;
    }

    private LocalEngine local(List<TurnTrace> traces) {
        LocalEngine engine = new LocalEngine(OmniModel.load(model,
                new OrtRuntime.Options(ProviderChoice.parse(provider), threads), VerifyListener.NONE));
        engine.trace(traces::add);
        return engine;
    }

    private SpeechSettings speech() throws java.io.IOException {
        if (noSpeech) {
            return SpeechSettings.off();
        }
        SpeechSettings s = new SpeechSettings(true, Optional.ofNullable(voice),
                switch (ode) {
                    case "euler" -> SpeechSettings.OdeSolver.EULER;
                    case "rk4" -> SpeechSettings.OdeSolver.RK4;
                    default -> throw new IllegalArgumentException("--ode must be euler or rk4, not '" + ode + "'");
                },
                switch (token2wav) {
                    case "stream" -> true;
                    case "full" -> false;
                    default -> throw new IllegalArgumentException("--token2wav must be stream or full, not '" + token2wav + "'");
                });
        if (maxCodes != null) {
            s = s.withMaxCodes(maxCodes);
        }
        if (noise != null) {
            Npy.Array n = Npy.readFloat32(noise);
            if (n.shape().length != 2 || n.shape()[1] != 80) {
                throw new IllegalArgumentException(noise + " must be float32 [N, 80]");
            }
            s = s.withNoise(n.data());
        }
        return s;
    }

    /** result.json (ids, positions, tokens and codes when the local engine ran), mel.npy (local), waveform.npy. */
    private void dump(Optional<TurnTrace> trace, TurnResult result, float[] waveform) throws java.io.IOException {
        Files.createDirectories(dump);
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        trace.ifPresent(t -> {
            root.set("input_ids", json.valueToTree(t.inputIds()));
            root.set("position_ids", json.valueToTree(t.positionIds()));
            root.put("rope_delta", t.ropeDelta());
            root.set("thinker_tokens", json.valueToTree(t.thinkerTokens()));
        });
        root.put("text", result.text());
        root.put("finish_reason", result.reason().name().toLowerCase(java.util.Locale.ROOT));
        trace.ifPresent(t -> root.set("talker_codes", json.valueToTree(t.talkerCodes())));
        root.set("timings", json.valueToTree(result.stats()));
        json.writerWithDefaultPrettyPrinter().writeValue(dump.resolve("result.json").toFile(), root);
        if (trace.isPresent()) {
            TurnTrace t = trace.get();
            int frames = t.mel().length / t.melDim();
            float[] channelsFirst = new float[t.mel().length];
            for (int f = 0; f < frames; f++) {
                for (int m = 0; m < t.melDim(); m++) {
                    channelsFirst[m * frames + f] = t.mel()[f * t.melDim() + m];
                }
            }
            Npy.writeFloat32(dump.resolve("mel.npy"), channelsFirst, t.melDim(), frames);
        }
        Npy.writeFloat32(dump.resolve("waveform.npy"), waveform, waveform.length);
    }
}
