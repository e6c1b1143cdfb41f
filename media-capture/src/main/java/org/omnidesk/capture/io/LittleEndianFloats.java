// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Writes float32 values little-endian in 64 KiB pieces. */
final class LittleEndianFloats {

    private LittleEndianFloats() {
    }

    static void write(OutputStream out, float[] data) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : data) {
            if (!chunk.hasRemaining()) {
                out.write(chunk.array(), 0, chunk.position());
                chunk.clear();
            }
            chunk.putFloat(v);
        }
        out.write(chunk.array(), 0, chunk.position());
    }
}
