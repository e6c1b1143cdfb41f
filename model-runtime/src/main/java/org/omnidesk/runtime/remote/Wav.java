// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** 16-bit PCM for uploads: a mono RIFF/WAVE file, and the bare little-endian samples. */
final class Wav {

    private static final int HEADER = 44;

    private Wav() {
    }

    /** A canonical 44-byte-header WAV (format 1, mono, 16 bit) of {@code pcm} in [-1, 1]. */
    static byte[] mono16(float[] pcm, int sampleRate) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + 2 * pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(HEADER - 8 + 2 * pcm.length).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(sampleRate).putInt(2 * sampleRate).putShort((short) 2).putShort((short) 16);
        b.put(ascii("data")).putInt(2 * pcm.length);
        b.put(pcm16le(pcm));
        return b.array();
    }

    /** Samples as signed 16-bit little-endian, clipped to [-1, 1] and rounded. */
    static byte[] pcm16le(float[] pcm) {
        ByteBuffer b = ByteBuffer.allocate(2 * pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : pcm) {
            b.putShort((short) Math.round(Math.max(-1f, Math.min(1f, s)) * 32767f));
        }
        return b.array();
    }

    static byte[] ascii(String fourcc) {
        byte[] out = new byte[fourcc.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) fourcc.charAt(i);
        }
        return out;
    }
}
