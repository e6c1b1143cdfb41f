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
    private OrtSession.Result pinned;                         // a checkpoint's result, kept open until released
    private int pinnedLength = -1;
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
        if (old != null && old != pinned) {
            old.close();
        }
    }

    /**
     * Remembers the current contents so {@link #restore()} can return to them (a live turn that is
     * aborted). The checkpoint's tensors stay in memory until restored or released.
     */
    public void checkpoint() {
        check();
        release();
        pinned = owner;
        pinnedLength = length;
    }

    /** Returns to the checkpoint (closing everything added since) and drops it. */
    public void restore() {
        check();
        if (pinnedLength < 0) {
            throw new IllegalStateException("no checkpoint to restore");
        }
        if (owner != null && owner != pinned) {
            owner.close();
        }
        owner = pinned;
        length = pinnedLength;
        pinned = null;
        pinnedLength = -1;
    }

    /** Drops the checkpoint, keeping the current contents. */
    public void release() {
        if (pinned != null && pinned != owner) {
            pinned.close();
        }
        pinned = null;
        pinnedLength = -1;
    }

    /** Forgets everything (a new conversation); the object stays usable. */
    public void clear() {
        check();
        release();
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
        release();
        if (owner != null) {
            owner.close();
            owner = null;
        }
        empty.forEach(OnnxTensor::close);
        closed = true;
    }
}
