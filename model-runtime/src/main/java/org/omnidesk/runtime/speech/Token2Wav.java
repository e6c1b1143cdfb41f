// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.speech;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * Codes → mel → 24 kHz waveform with the four Token2Wav graphs (always fp32): {@code spk_encoder}
 * once per voice, {@code dit_condition} once per window, {@code dit_step} once per ODE evaluation
 * (CFG rows mixed here), {@code bigvgan} per vocoder call.
 */
public final class Token2Wav {

    /**
     * A voice's DiT conditioning: spk_cond [2, C] = [ECAPA(ref_mel); ECAPA(zeros)] and
     * spk_emb [2, E] = [speaker cond; zeros] (row 1 is CFG's unconditional branch).
     */
    public record Voice(float[] spkCond, int condDim, float[] spkEmb, int embDim) {}

    private final OrtEnvironment env;
    private final OrtSession spkEncoder;
    private final OrtSession ditCondition;
    private final OrtSession ditStep;
    private final OrtSession bigvgan;
    private final int melDim;
    private final float guidance;

    public Token2Wav(OrtEnvironment env, OrtSession spkEncoder, OrtSession ditCondition, OrtSession ditStep,
                     OrtSession bigvgan, int melDim, float guidance) {
        this.env = env;
        this.spkEncoder = spkEncoder;
        this.ditCondition = ditCondition;
        this.ditStep = ditStep;
        this.bigvgan = bigvgan;
        this.melDim = melDim;
        this.guidance = guidance;
    }

    /** Runs ECAPA on the voice's reference mel [T_ref, 80] and on zeros of the same shape. */
    public Voice voice(float[] refMel, float[] cond) throws OrtException {
        int tRef = refMel.length / melDim;
        float[] conditioned = ecapa(refMel, tRef);
        float[] unconditioned = ecapa(new float[refMel.length], tRef);
        int c = conditioned.length;
        float[] spkCond = new float[2 * c];
        System.arraycopy(conditioned, 0, spkCond, 0, c);
        System.arraycopy(unconditioned, 0, spkCond, c, c);
        float[] spkEmb = new float[2 * cond.length];
        System.arraycopy(cond, 0, spkEmb, 0, cond.length);
        return new Voice(spkCond, c, spkEmb, cond.length);
    }

    private float[] ecapa(float[] mel, int tRef) throws OrtException {
        try (OnnxTensor x = tensor(mel, 1, tRef, melDim);
             OrtSession.Result r = spkEncoder.run(Map.of("ref_mel", x))) {
            return floats(r, "spk_cond");
        }
    }

    /**
     * Solves one window: {@code codes} [N] (already &lt; num_codes) from {@code noise} [2N, 80]
     * (the utterance's noise rows of this window) to mel [2N, 80], row-major.
     */
    public float[] mel(int[] codes, Voice voice, float[] noise, float[] grid, FlowOde.Solver solver,
                       OrtSession.RunOptions ro) throws OrtException {
        int frames = 2 * codes.length;
        long[] ids = new long[codes.length];
        for (int i = 0; i < codes.length; i++) {
            ids[i] = codes[i];
        }
        try (OnnxTensor c = OnnxTensor.createTensor(env, new long[][] {ids});
             OnnxTensor sc = tensor(voice.spkCond(), 2, voice.condDim());
             OnnxTensor se = tensor(voice.spkEmb(), 2, voice.embDim());
             OrtSession.Result cond = ditCondition.run(Map.of("codes", c, "spk_cond", sc, "spk_emb", se), ro)) {
            OnnxTensor condEmbeds = (OnnxTensor) cond.get("cond_embeds").orElseThrow(); // [2, 2N, H], reused by every step
            FlowOde.Velocity v = (t, y) -> {
                try (OnnxTensor x = tensor(y, 1, frames, melDim);
                     OnnxTensor time = tensor(new float[] {t}, 1);
                     OrtSession.Result out = ditStep.run(Map.of("x", x, "cond_embeds", condEmbeds, "t", time), ro)) {
                    return FlowOde.guide(floats(out, "velocity"), guidance);
                } catch (OrtException e) {
                    throw new Token2WavException(e);
                }
            };
            try {
                return FlowOde.solve(solver, noise, grid, v);
            } catch (Token2WavException e) {
                throw e.ort;
            }
        }
    }

    /** BigVGAN on mel given as [T, 80] row-major (the ODE's layout) → waveform [240·T]. */
    public float[] vocode(float[] melRows, OrtSession.RunOptions ro) throws OrtException {
        int frames = melRows.length / melDim;
        float[] channelsFirst = new float[melRows.length]; // [80, T]
        for (int t = 0; t < frames; t++) {
            for (int m = 0; m < melDim; m++) {
                channelsFirst[m * frames + t] = melRows[t * melDim + m];
            }
        }
        try (OnnxTensor mel = tensor(channelsFirst, 1, melDim, frames);
             OrtSession.Result r = bigvgan.run(Map.of("mel", mel), ro)) {
            return floats(r, "waveform");
        }
    }

    private OnnxTensor tensor(float[] data, long... shape) throws OrtException {
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
    }

    private static float[] floats(OrtSession.Result r, String name) {
        FloatBuffer fb = ((OnnxTensor) r.get(name).orElseThrow(
                () -> new IllegalStateException("graph output '" + name + "' missing"))).getFloatBuffer();
        float[] out = new float[fb.remaining()];
        fb.get(out);
        return out;
    }

    /** Carries an OrtException out of the solver's velocity callback. */
    private static final class Token2WavException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient OrtException ort;

        Token2WavException(OrtException ort) {
            super(ort);
            this.ort = ort;
        }
    }
}
