// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.pkg;

import static ai.onnxruntime.TensorInfo.OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT;
import static ai.onnxruntime.TensorInfo.OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16;
import static ai.onnxruntime.TensorInfo.OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo.OnnxTensorType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The graph table of MODEL_PACKAGE.md for one manifest: every graph's input and output names, element
 * types, ranks and the dimensions the table fixes (the 1 of the logits, the mel width, the patch width,
 * the 3 of grid_thw and position_ids). Float tensors are float16 where the manifest's precision for that
 * part says fp16, else float32 (int4 is weight-only); ids, masks and positions are int64.
 *
 * <p>{@link #check(String, OrtSession)} compares a real session with the table; whoever creates
 * sessions (with whatever execution provider) calls it right after creating each one.
 */
public final class GraphContract {

    public static final String AUDIO_ENCODER = "audio_encoder";
    public static final String VISION_ENCODER = "vision_encoder";
    public static final String THINKER_EMBED = "thinker_embed";
    public static final String THINKER_DECODER = "thinker_decoder";
    public static final String TALKER_EMBED = "talker_embed";
    public static final String TALKER_DECODER = "talker_decoder";
    public static final String SPK_ENCODER = "spk_encoder";
    public static final String DIT_CONDITION = "dit_condition";
    public static final String DIT_STEP = "dit_step";
    public static final String BIGVGAN = "bigvgan";

    /** Every graph a package must have, in pipeline order. */
    public static final List<String> GRAPHS = List.of(AUDIO_ENCODER, VISION_ENCODER, THINKER_EMBED,
            THINKER_DECODER, TALKER_EMBED, TALKER_DECODER, SPK_ENCODER, DIT_CONDITION, DIT_STEP, BIGVGAN);

    private static final OnnxTensorType I64 = ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64;

    private final Map<String, GraphSignature> signatures;

    private GraphContract(Map<String, GraphSignature> signatures) {
        this.signatures = signatures;
    }

    public static GraphContract of(ModelManifest m) {
        OnnxTensorType enc = floatType(m.precision().encoders());
        OnnxTensorType thinker = floatType(m.precision().thinker());
        OnnxTensorType talker = floatType(m.precision().talker());
        OnnxTensorType t2w = floatType(m.precision().token2wav());
        int mel = m.token2wav().melDim();
        Map<String, GraphSignature> s = new LinkedHashMap<>();
        put(s, AUDIO_ENCODER,
                List.of(TensorSpec.of("input_features", enc, "mel_bins", "N")),
                List.of(TensorSpec.of("audio_embeds", enc, "n", "D")));
        put(s, VISION_ENCODER,
                List.of(TensorSpec.of("pixel_values", enc, "t*h*w", m.vision().patchDim()),
                        TensorSpec.of("grid_thw", I64, "1", 3)),
                List.of(TensorSpec.of("vision_embeds", enc, "t*h*w/4", "D")));
        put(s, THINKER_EMBED,
                List.of(TensorSpec.of("input_ids", I64, "B", "S")),
                List.of(TensorSpec.of("inputs_embeds", thinker, "B", "S", "D")));
        s.put(THINKER_DECODER, decoder(THINKER_DECODER, thinker, m.thinker().layers(), true));
        put(s, TALKER_EMBED,
                List.of(TensorSpec.of("codec_ids", I64, "B", "S")),
                List.of(TensorSpec.of("codec_embeds", talker, "B", "S", "D")));
        s.put(TALKER_DECODER, decoder(TALKER_DECODER, talker, m.talker().layers(), false));
        put(s, SPK_ENCODER,
                List.of(TensorSpec.of("ref_mel", t2w, "1", "T_ref", mel)),
                List.of(TensorSpec.of("spk_cond", t2w, "1", "C_spk")));
        put(s, DIT_CONDITION,
                List.of(TensorSpec.of("codes", I64, "1", "N"),
                        TensorSpec.of("spk_cond", t2w, "2", "C_spk"),
                        TensorSpec.of("spk_emb", t2w, "2", "E_spk")),
                List.of(TensorSpec.of("cond_embeds", t2w, "2", "2N", "H_dit")));
        put(s, DIT_STEP,
                List.of(TensorSpec.of("x", t2w, "1", "T", mel),
                        TensorSpec.of("cond_embeds", t2w, "2", "T", "H_dit"),
                        TensorSpec.of("t", t2w, "1")),
                List.of(TensorSpec.of("velocity", t2w, "2", "T", mel)));
        put(s, BIGVGAN,
                List.of(TensorSpec.of("mel", t2w, "1", mel, "T")),
                List.of(TensorSpec.of("waveform", t2w, "1", "240*T")));
        return new GraphContract(s);
    }

    /** thinker_decoder / talker_decoder: embeds, mask, 3-row positions and per-layer KV in; last logits and KV out. */
    private static GraphSignature decoder(String graph, OnnxTensorType f, int layers, boolean hiddenStates) {
        List<TensorSpec> in = new ArrayList<>(List.of(
                TensorSpec.of("inputs_embeds", f, "B", "S", "D"),
                TensorSpec.of("attention_mask", I64, "B", "P+S"),
                TensorSpec.of("position_ids", I64, 3, "B", "S")));
        List<TensorSpec> out = new ArrayList<>();
        out.add(TensorSpec.of("logits", f, "B", 1, "V"));
        if (hiddenStates) {
            out.add(TensorSpec.of("hidden_states", f, "B", "S", "D"));
        }
        for (int i = 0; i < layers; i++) {
            for (String kv : List.of("key", "value")) {
                in.add(TensorSpec.of("past_key_values." + i + "." + kv, f, "B", "kv", "P", "hd"));
                out.add(TensorSpec.of("present." + i + "." + kv, f, "B", "kv", "P+S", "hd"));
            }
        }
        return new GraphSignature(graph, in, out);
    }

    private static void put(Map<String, GraphSignature> s, String graph, List<TensorSpec> in, List<TensorSpec> out) {
        s.put(graph, new GraphSignature(graph, in, out));
    }

    private static OnnxTensorType floatType(String precision) {
        return precision.equals("fp16") ? ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 : ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT;
    }

    public GraphSignature signature(String graph) {
        GraphSignature sig = signatures.get(graph);
        if (sig == null) {
            throw new IllegalArgumentException("no graph '" + graph + "' in the contract " + GRAPHS);
        }
        return sig;
    }

    /**
     * Compares a session's inputs and outputs with the graph's signature. Fails with the graph, the
     * first differing tensor, expected and found signature (and how many more differ).
     */
    public void check(String graph, OrtSession session) {
        List<String> problems;
        try {
            problems = signature(graph).mismatches(session.getInputInfo(), session.getOutputInfo());
        } catch (OrtException e) {
            throw new ModelPackageException("graph '" + graph + "': ONNX Runtime cannot describe its inputs ("
                    + e.getMessage() + "); " + PackageJson.FIX, e);
        }
        if (!problems.isEmpty()) {
            String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "";
            throw new ModelPackageException("graph '" + graph + "': " + problems.get(0) + more
                    + "; the graph does not follow the OmniDesk package contract: " + PackageJson.FIX);
        }
    }
}
