// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;

/**
 * Reused direct, native-order scratch buffers that ONNX Runtime reads in place (no copy, no
 * reflection over Java arrays). A tensor made from a buffer must be closed before the buffer is
 * filled again; the decode loop closes its inputs after every run.
 */
public final class DirectBuffers {
    private final OrtEnvironment env;
    private FloatBuffer floats = FloatBuffer.allocate(0);
    private LongBuffer longs = LongBuffer.allocate(0);
    private LongBuffer ones = LongBuffer.allocate(0);

    public DirectBuffers(OrtEnvironment env) {
        this.env = env;
    }

    public OrtEnvironment environment() {
        return env;
    }

    private static ByteBuffer direct(long elements, int bytesPerElement) {
        return ByteBuffer.allocateDirect(Math.toIntExact(elements * bytesPerElement)).order(ByteOrder.nativeOrder());
    }

    /** Copies {@code data[offset, offset+length)} into the float scratch and wraps it as a tensor of {@code shape}. */
    public OnnxTensor floats(float[] data, int offset, int length, long... shape) throws OrtException {
        if (floats.capacity() < length) {
            floats = direct(Math.max(length, floats.capacity() * 2L), Float.BYTES).asFloatBuffer();
        }
        floats.clear();
        floats.put(data, offset, length).flip();
        return OnnxTensor.createTensor(env, floats, shape);
    }

    /** Copies {@code data} into the long scratch and wraps it as a tensor of {@code shape}. */
    public OnnxTensor longs(long[] data, long... shape) throws OrtException {
        if (longs.capacity() < data.length) {
            longs = direct(Math.max(data.length, longs.capacity() * 2L), Long.BYTES).asLongBuffer();
        }
        longs.clear();
        longs.put(data).flip();
        return OnnxTensor.createTensor(env, longs, shape);
    }

    /** An all-ones int64 mask [1, n] (full attention over past and new positions). */
    public OnnxTensor onesMask(int n) throws OrtException {
        if (ones.capacity() < n) {
            ones = direct(Math.max(n, ones.capacity() * 2L), Long.BYTES).asLongBuffer();
            while (ones.hasRemaining()) {
                ones.put(1L);
            }
        }
        ones.clear().limit(n);
        return OnnxTensor.createTensor(env, ones.slice(), new long[] {1, n});
    }

    /** An empty float tensor of {@code shape} (one dimension 0), e.g. the first call's past [1, kv, 0, hd]. */
    public OnnxTensor emptyFloats(long... shape) throws OrtException {
        return OnnxTensor.createTensor(env, direct(0, Float.BYTES).asFloatBuffer(), shape);
    }
}
