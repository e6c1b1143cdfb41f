// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.encode;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import org.omnidesk.runtime.api.AudioFeatures;
import org.omnidesk.runtime.api.VisionFeatures;
import org.omnidesk.runtime.onnx.DirectBuffers;

/**
 * The embedding graphs of the contract: {@code audio_encoder} (one audio's mel → its token rows),
 * {@code vision_encoder} (one image or video → merged token rows) and {@code thinker_embed} /
 * {@code talker_embed} (ids → rows). All outputs are row-major [n, D] float arrays.
 */
public final class Encoders {
    private final OrtSession audio;
    private final OrtSession vision;
    private final OrtSession thinkerEmbed;
    private final OrtSession talkerEmbed;
    private final DirectBuffers buffers;
    private long embedNanos; // time inside ONNX Runtime's run for token embeddings, for the decode benchmark

    public Encoders(OrtSession audio, OrtSession vision, OrtSession thinkerEmbed, OrtSession talkerEmbed,
                    DirectBuffers buffers) {
        this.audio = audio;
        this.vision = vision;
        this.thinkerEmbed = thinkerEmbed;
        this.talkerEmbed = talkerEmbed;
        this.buffers = buffers;
    }

    /** Audio tokens for L mel frames: ((L−1) div 2 + 1 − 2) div 2 + 1 (QWEN25_OMNI.md §1.4). */
    public static int audioTokens(int melFrames) {
        return ((melFrames - 1) / 2 + 1 - 2) / 2 + 1;
    }

    /** input_features [128, N] → audio_embeds [n, D]. 2 s blocks are independent, so blocks may be encoded one by one. */
    public float[] encodeAudio(AudioFeatures f, OrtSession.RunOptions ro) throws OrtException {
        try (OnnxTensor mel = buffers.floats(f.mel(), 0, f.mel().length, AudioFeatures.MEL_BINS, f.frames());
             OrtSession.Result r = audio.run(Map.of("input_features", mel), ro)) {
            return read(r, "audio_embeds");
        }
    }

    /** pixel_values [t·h·w, 1176] + grid_thw [1, 3] → vision_embeds [t·h·w/4, D]. */
    public float[] encodeVision(VisionFeatures f, OrtSession.RunOptions ro) throws OrtException {
        try (OnnxTensor px = buffers.floats(f.pixelValues(), 0, f.pixelValues().length, f.patches(), VisionFeatures.PATCH_DIM);
             OnnxTensor grid = OnnxTensor.createTensor(buffers.environment(),
                     new long[][] {{f.gridT(), f.gridH(), f.gridW()}});
             OrtSession.Result r = vision.run(Map.of("pixel_values", px, "grid_thw", grid), ro)) {
            return read(r, "vision_embeds");
        }
    }

    /** input_ids [1, S] → inputs_embeds [S, D] (text rows; placeholders get their token's row until scattered). */
    public float[] embedTokens(long[] ids, OrtSession.RunOptions ro) throws OrtException {
        try (OnnxTensor t = buffers.longs(ids, 1, ids.length)) {
            long t0 = System.nanoTime();
            try (OrtSession.Result r = thinkerEmbed.run(Map.of("input_ids", t), ro)) {
                embedNanos += System.nanoTime() - t0;
                return read(r, "inputs_embeds");
            }
        }
    }

    /** codec_ids [1, S] → codec_embeds [S, D] (the codec table lives in the Thinker's width). */
    public float[] embedCodecs(long[] codes, OrtSession.RunOptions ro) throws OrtException {
        try (OnnxTensor t = buffers.longs(codes, 1, codes.length);
             OrtSession.Result r = talkerEmbed.run(Map.of("codec_ids", t), ro)) {
            return read(r, "codec_embeds");
        }
    }

    /** Total time inside ONNX Runtime's run for {@link #embedTokens}. */
    public long embedNanos() {
        return embedNanos;
    }

    static float[] read(OrtSession.Result r, String name) {
        OnnxTensor t = (OnnxTensor) r.get(name).orElseThrow(() -> new IllegalStateException("graph output '" + name + "' missing"));
        FloatBuffer fb = t.getFloatBuffer();
        float[] out = new float[fb.remaining()];
        fb.get(out);
        return out;
    }
}
