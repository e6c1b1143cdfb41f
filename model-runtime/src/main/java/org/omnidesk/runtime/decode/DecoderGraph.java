// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.decode;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import org.omnidesk.runtime.onnx.DirectBuffers;

/**
 * One KV-cached decoder graph of the contract ({@code thinker_decoder} or {@code talker_decoder}):
 * feeds S new input rows with their 3-D positions after the cache's P positions and returns the
 * last position's logits (and, when the graph has them and they are asked for, the new rows'
 * final hidden states). The present tensors become the cache without leaving native memory.
 */
public final class DecoderGraph implements AutoCloseable {

    /** What one run returns: logits [V] of the last new position; hidden [S, D] or null. */
    public record Step(float[] logits, float[] hidden) {}

    private final OrtSession session;
    private final DirectBuffers buffers;
    private final int width;      // D: input row width
    private final int layers;
    private final int kvHeads;
    private final int headDim;
    private final int vocab;
    private final java.util.Set<String> keptOutputs;     // present.* (the cache)
    private final java.util.Set<String> keptWithHidden;  // present.* + hidden_states
    private final FloatBuffer logitsBuffer;              // [1, 1, V], written by ORT in place every step
    private final OnnxTensor logits;                     // pinned output over logitsBuffer
    private long runNanos; // time inside OrtSession.run, for the decode benchmark

    /**
     * {@code vocab} is the logits width V; the logits output is pinned to one reused direct buffer
     * so a step allocates no V-sized native buffer (ORT writes the last position's logits into it).
     */
    public DecoderGraph(OrtSession session, DirectBuffers buffers, int width, int layers, int kvHeads, int headDim,
                        int vocab) throws OrtException {
        this.session = session;
        this.buffers = buffers;
        this.width = width;
        this.layers = layers;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        this.vocab = vocab;
        java.util.Set<String> present = new java.util.LinkedHashSet<>();
        for (String name : session.getOutputNames()) {
            if (name.startsWith("present.")) {
                present.add(name);
            }
        }
        this.keptOutputs = java.util.Set.copyOf(present);
        present.add("hidden_states");
        this.keptWithHidden = session.getOutputNames().contains("hidden_states") ? java.util.Set.copyOf(present) : keptOutputs;
        this.logitsBuffer = java.nio.ByteBuffer.allocateDirect(vocab * Float.BYTES).order(java.nio.ByteOrder.nativeOrder())
                .asFloatBuffer();
        this.logits = OnnxTensor.createTensor(buffers.environment(), logitsBuffer, new long[] {1, 1, vocab});
    }

    public int width() {
        return width;
    }

    public KvCache newCache() throws OrtException {
        return new KvCache(buffers, layers, kvHeads, headDim);
    }

    /**
     * Runs S = rows/width new rows. {@code embeds} [S, D] row-major; {@code positions} [3][S];
     * {@code wantHidden} asks for hidden_states [S, D] (the Talker's input).
     */
    public Step run(float[] embeds, long[][] positions, KvCache cache, boolean wantHidden,
                    OrtSession.RunOptions runOptions) throws OrtException {
        int s = embeds.length / width;
        if (s < 1 || s * width != embeds.length || positions.length != 3 || positions[0].length != s) {
            throw new IllegalArgumentException("embeds must be [S, " + width + "] and positions [3, S], got "
                    + embeds.length + " values and " + positions.length + "x" + positions[0].length);
        }
        int past = cache.length();
        long[] flatPositions = new long[3 * s];
        for (int r = 0; r < 3; r++) {
            System.arraycopy(positions[r], 0, flatPositions, r * s, s);
        }
        Map<String, OnnxTensor> inputs = new HashMap<>(cache.pastInputs());
        try (OnnxTensor x = buffers.floats(embeds, 0, embeds.length, 1, s, width);
             OnnxTensor mask = buffers.onesMask(past + s);
             OnnxTensor pos = buffers.longs(flatPositions, 3, 1, s)) {
            inputs.put("inputs_embeds", x);
            inputs.put("attention_mask", mask);
            inputs.put("position_ids", pos);
            long t0 = System.nanoTime();
            OrtSession.Result result = session.run(inputs, wantHidden ? keptWithHidden : keptOutputs,
                    Map.of("logits", logits), runOptions);
            runNanos += System.nanoTime() - t0;
            try {
                float[] out = new float[vocab]; // the picker works in place on a copy
                logitsBuffer.get(0, out);
                float[] hidden = wantHidden ? read(result, "hidden_states") : null;
                cache.replace(result, past + s);
                return new Step(out, hidden);
            } catch (RuntimeException e) {
                result.close();
                throw e;
            }
        }
    }

    /** Total time spent inside ONNX Runtime's run by this graph (the rest of a step is Java). */
    public long runNanos() {
        return runNanos;
    }

    private static float[] read(OrtSession.Result result, String name) {
        OnnxTensor t = (OnnxTensor) result.get(name)
                .orElseThrow(() -> new IllegalStateException("decoder output '" + name + "' missing"));
        FloatBuffer fb = t.getFloatBuffer(); // a copy: read each output once
        float[] out = new float[fb.remaining()];
        fb.get(out);
        return out;
    }

    /** Frees the pinned logits tensor; the session belongs to the runtime. */
    @Override
    public void close() {
        logits.close();
    }
}
