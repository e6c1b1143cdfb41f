// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import org.omnidesk.runtime.api.ErrorKind;
import org.omnidesk.runtime.api.InferenceException;

/**
 * Decodes the server's speech chunks into mono float PCM. vLLM-Omni sends each chunk as a whole
 * WAV (soundfile, 16-bit PCM at 24 kHz by default); some servers send one header and then raw
 * samples, and OpenAI sends raw 16-bit 24 kHz PCM. So a chunk starting with RIFF sets the format,
 * anything else is raw samples in the last format seen (24 kHz 16-bit mono until then).
 * Several channels are averaged. One decoder per turn.
 */
final class SpeechDecoder {

    static final int DEFAULT_RATE = 24_000;
    private static final int PCM = 1;
    private static final int FLOAT = 3;
    private static final int EXTENSIBLE = 0xFFFE;

    /** Samples in [-1, 1] and their rate. */
    record Pcm(float[] samples, int sampleRate) {}

    private int rate = DEFAULT_RATE;
    private int channels = 1;
    private int format = PCM;
    private int bits = 16;

    Pcm decode(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw bad("audio that is not base64");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length >= 12 && tag(b, 0).equals("RIFF") && tag(b, 8).equals("WAVE")) {
            b.position(12);
            return samples(dataOfWave(b));
        }
        return samples(b);
    }

    /** Walks the RIFF chunks, reads {@code fmt }, and returns a view of the {@code data} chunk. */
    private ByteBuffer dataOfWave(ByteBuffer b) {
        while (b.remaining() >= 8) {
            String id = tag(b, b.position());
            b.position(b.position() + 4);
            long size = Integer.toUnsignedLong(b.getInt());
            if (id.equals("fmt ")) {
                readFormat(b.slice().order(ByteOrder.LITTLE_ENDIAN));
            } else if (id.equals("data")) {
                // streaming writers leave the size 0 or 0xFFFFFFFF: take what is there
                int n = size == 0 || size > b.remaining() ? b.remaining() : (int) size;
                return b.slice().order(ByteOrder.LITTLE_ENDIAN).limit(n);
            }
            b.position((int) Math.min(b.limit(), b.position() + size + (size & 1)));
        }
        throw bad("a WAV without a data chunk");
    }

    private void readFormat(ByteBuffer f) {
        int tag = f.getShort(0) & 0xFFFF;
        channels = f.getShort(2);
        rate = f.getInt(4);
        bits = f.getShort(14);
        format = tag == EXTENSIBLE && f.limit() >= 26 ? f.getShort(24) & 0xFFFF : tag;
        boolean known = format == PCM && (bits == 16 || bits == 24 || bits == 32) || format == FLOAT && bits == 32;
        if (!known || channels < 1 || rate < 1) {
            throw bad("WAV audio in format " + tag + " with " + bits + " bits, " + channels + " channel(s) at "
                    + rate + " Hz (OmniDesk reads 16/24/32-bit PCM and 32-bit float)");
        }
    }

    private Pcm samples(ByteBuffer data) {
        int frameBytes = bits / 8 * channels;
        int frames = data.remaining() / frameBytes;
        float[] out = new float[frames];
        for (int i = 0; i < frames; i++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += sample(data, (i * channels + c) * (bits / 8));
            }
            out[i] = sum / channels;
        }
        return new Pcm(out, rate);
    }

    private float sample(ByteBuffer data, int at) {
        if (format == FLOAT) {
            return data.getFloat(at);
        }
        return switch (bits) {
            case 16 -> data.getShort(at) / 32768f;
            case 24 -> ((data.get(at) & 0xFF) | (data.get(at + 1) & 0xFF) << 8 | data.get(at + 2) << 16) / 8388608f;
            default -> data.getInt(at) / 2147483648f;
        };
    }

    private static String tag(ByteBuffer b, int at) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            c[i] = (char) (b.get(at + i) & 0xFF);
        }
        return new String(c);
    }

    private static InferenceException bad(String what) {
        return new InferenceException(ErrorKind.REMOTE, "The server sent " + what
                + " as speech; ask the server for WAV audio (the request's audio.format is " + ChatRequest.AUDIO_FORMAT + ")");
    }
}
