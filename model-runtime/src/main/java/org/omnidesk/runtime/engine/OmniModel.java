// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.engine;

import ai.onnxruntime.OrtException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.omnidesk.runtime.api.EngineInfo;
import org.omnidesk.runtime.api.ErrorKind;
import org.omnidesk.runtime.api.InferenceException;
import org.omnidesk.runtime.decode.DecoderGraph;
import org.omnidesk.runtime.encode.Encoders;
import org.omnidesk.runtime.io.Npy;
import org.omnidesk.runtime.onnx.DirectBuffers;
import org.omnidesk.runtime.onnx.OrtRuntime;
import org.omnidesk.runtime.pkg.ModelManifest;
import org.omnidesk.runtime.pkg.ModelPackage;
import org.omnidesk.runtime.pkg.SpeakerFile;
import org.omnidesk.runtime.pkg.VerifyListener;
import org.omnidesk.runtime.prompt.ChatTemplate;
import org.omnidesk.runtime.prompt.PromptConfig;
import org.omnidesk.runtime.speech.Token2Wav;
import org.omnidesk.runtime.tokenizer.Tokenizer;

/**
 * A loaded model package: its manifest, one ONNX Runtime session per graph (checked against the
 * contract), tokenizer and chat template. Immutable after {@link #load}; used by one inference
 * thread at a time (the graph runners share scratch buffers).
 */
public final class OmniModel implements AutoCloseable {

    static final List<String> GRAPHS = List.of("audio_encoder", "vision_encoder", "thinker_embed",
            "thinker_decoder", "talker_embed", "talker_decoder", "spk_encoder", "dit_condition", "dit_step", "bigvgan");

    private final ModelPackage pkg;
    private final OrtRuntime ort;
    private final Tokenizer tokenizer;
    private final ChatTemplate template;
    private final Encoders encoders;
    private final DecoderGraph thinker;
    private final DecoderGraph talker;
    private final Token2Wav token2wav;
    private final Map<String, Token2Wav.Voice> voices = new ConcurrentHashMap<>();

    private OmniModel(ModelPackage pkg, OrtRuntime ort, Tokenizer tokenizer) throws OrtException {
        this.pkg = pkg;
        this.ort = ort;
        this.tokenizer = tokenizer;
        ModelManifest m = pkg.manifest();
        this.template = new ChatTemplate(tokenizer, PromptConfig.of(m));
        DirectBuffers buffers = new DirectBuffers(ort.environment());
        this.encoders = new Encoders(ort.session("audio_encoder"), ort.session("vision_encoder"),
                ort.session("thinker_embed"), ort.session("talker_embed"), buffers);
        ModelManifest.Thinker th = m.thinker();
        this.thinker = new DecoderGraph(ort.session("thinker_decoder"), buffers, th.hidden(), th.layers(),
                th.kvHeads(), th.headDim(), th.vocab());
        ModelManifest.Talker tk = m.talker();
        this.talker = new DecoderGraph(ort.session("talker_decoder"), buffers, tk.embedding(), tk.layers(),
                tk.kvHeads(), tk.headDim(), tk.vocab());
        this.token2wav = new Token2Wav(ort.environment(), ort.session("spk_encoder"), ort.session("dit_condition"),
                ort.session("dit_step"), ort.session("bigvgan"), m.token2wav().melDim(),
                (float) m.token2wav().guidanceScale());
    }

    /** Verifies the package, opens every graph on the chosen providers and checks its signature. */
    public static OmniModel load(Path dir, OrtRuntime.Options options, VerifyListener listener) {
        ModelPackage pkg = ModelPackage.open(dir, listener);
        Map<String, Path> files = new LinkedHashMap<>();
        for (String g : GRAPHS) {
            files.put(g, pkg.graphFile(g));
        }
        OrtRuntime ort = OrtRuntime.open(files, options);
        try {
            for (String g : GRAPHS) {
                pkg.contract().check(g, ort.session(g));
            }
            return new OmniModel(pkg, ort, Tokenizer.load(pkg.tokenizerFile()));
        } catch (OrtException e) {
            ort.close();
            throw new InferenceException(ErrorKind.MODEL_PACKAGE, "Cannot prepare the decoders of " + dir + ": "
                    + e.getMessage() + "; re-export the model package", e);
        } catch (RuntimeException e) {
            ort.close();
            throw e;
        }
    }

    public ModelManifest manifest() {
        return pkg.manifest();
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public ChatTemplate template() {
        return template;
    }

    public Encoders encoders() {
        return encoders;
    }

    public DecoderGraph thinker() {
        return thinker;
    }

    public DecoderGraph talker() {
        return talker;
    }

    public Token2Wav token2wav() {
        return token2wav;
    }

    public Map<String, SpeakerFile> speakers() {
        return pkg.speakers();
    }

    /** A voice's DiT conditioning, computed once (ECAPA on its reference mel and on zeros) and cached. */
    public Token2Wav.Voice voice(String name) {
        SpeakerFile s = speaker(name);
        return voices.computeIfAbsent(s.name(), n -> {
            try {
                return token2wav.voice(Npy.read(s.refMelFile()).data(), s.cond());
            } catch (IOException | OrtException e) {
                throw new InferenceException(ErrorKind.MODEL_PACKAGE, "Cannot read voice '" + n + "' from "
                        + s.refMelFile() + ": " + e.getMessage() + "; re-export the model package", e);
            }
        });
    }

    /** The named speaker (case-insensitive) or the package's default when {@code name} is null. */
    public SpeakerFile speaker(String name) {
        String wanted = name == null ? pkg.manifest().defaultSpeaker() : name;
        return pkg.speakers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(wanted))
                .map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new InferenceException(ErrorKind.UNSUPPORTED_INPUT, "No voice '" + wanted
                        + "' in this model; choose one of " + pkg.speakers().keySet()));
    }

    public EngineInfo info() {
        return new EngineInfo("local", pkg.manifest().name(), pkg.manifest().randomWeights(), ort.placements(),
                pkg.dir().toString());
    }

    @Override
    public void close() {
        thinker.close();
        talker.close();
        ort.close();
        tokenizer.close();
    }
}
