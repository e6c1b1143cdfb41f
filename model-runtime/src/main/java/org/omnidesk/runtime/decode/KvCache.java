// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.decode;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.omnidesk.runtime.onnx.DirectBuffers;

/**
 * A decoder's key/value cache: the {@code present.*} tensors of the last run, kept inside that
 * run's {@link OrtSession.Result} (native memory, never copied through Java) and fed back as
 * {@code past_key_values.*}. Replacing the cache closes the previous result. Single-threaded.
 */
public final class KvCache implements AutoCloseable {
    private final int layers;
    private final List<OnnxTensor> empty = new ArrayList<>(); // [1, kv, 0, hd] per key/value
    private OrtSession.Result owner;                          // holds present.{i}.key/value [1, kv, length, hd]
    private int length;
    private boolean closed;

    KvCache(DirectBuffers buffers, int layers, int kvHeads, int headDim) throws OrtException {
        this.layers = layers;
        for (int i = 0; i < 2 * layers; i++) {
            empty.add(buffers.emptyFloats(1, kvHeads, 0, headDim));
        }
    }

    /** Positions held (P of the next run). */
    public int length() {
        return length;
    }

    /** The past inputs for the next run, by the contract's names. */
    Map<String, OnnxTensor> pastInputs() {
        check();
        Map<String, OnnxTensor> past = new LinkedHashMap<>();
        for (int i = 0; i < layers; i++) {
            past.put("past_key_values." + i + ".key", tensor(i, "key", 2 * i));
            past.put("past_key_values." + i + ".value", tensor(i, "value", 2 * i + 1));
        }
        return past;
    }

    private OnnxTensor tensor(int layer, String kind, int emptyIndex) {
        if (owner == null) {
            return empty.get(emptyIndex);
        }
        OnnxValue v = owner.get("present." + layer + "." + kind)
                .orElseThrow(() -> new IllegalStateException("decoder output present." + layer + "." + kind + " missing"));
        return (OnnxTensor) v;
    }

    /** Takes ownership of {@code result} (whose present tensors now hold {@code newLength} positions). */
    void replace(OrtSession.Result result, int newLength) {
        check();
        OrtSession.Result old = owner;
        owner = result;
        length = newLength;
        if (old != null) {
            old.close();
        }
    }

    /** Forgets everything (a new conversation); the object stays usable. */
    public void clear() {
        check();
        if (owner != null) {
            owner.close();
            owner = null;
        }
        length = 0;
    }

    private void check() {
        if (closed) {
            throw new IllegalStateException("KvCache is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (owner != null) {
            owner.close();
            owner = null;
        }
        empty.forEach(OnnxTensor::close);
        closed = true;
    }
}
