// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.audio;

import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import org.omnidesk.capture.api.MediaException;

/**
 * The default speaker through {@code javax.sound.sampled}: 16-bit mono at the player's rate,
 * with a short line buffer so that a stop is heard within a few tens of milliseconds.
 */
public final class JavaSoundOutput implements PcmOutput {

    /** 40 ms: short enough for barge-in, long enough to ride out scheduling hiccups. */
    public static final int DEFAULT_BUFFER_MILLIS = 40;

    private static final Path SPEAKER = Path.of("speaker:default");

    private final int bufferMillis;
    private SourceDataLine line;
    private byte[] bytes = new byte[0];

    public JavaSoundOutput() {
        this(DEFAULT_BUFFER_MILLIS);
    }

    public JavaSoundOutput(int bufferMillis) {
        this.bufferMillis = bufferMillis;
    }

    @Override
    public void open(int sampleRate) throws MediaException {
        AudioFormat format = new AudioFormat(sampleRate, 16, 1, true, false);
        try {
            line = AudioSystem.getSourceDataLine(format);
            line.open(format, Math.max(2, sampleRate * bufferMillis / 1000) * 2);
            line.start();
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            line = null;
            throw new MediaException(MediaException.Kind.DEVICE_UNAVAILABLE, SPEAKER, e.getMessage(), e);
        }
    }

    @Override
    public void write(float[] pcm, int offset, int length) {
        if (bytes.length < 2 * length) {
            bytes = new byte[2 * length];
        }
        toPcm16(pcm, offset, length, bytes);
        line.write(bytes, 0, 2 * length);
    }

    /** float [-1, 1] → signed 16-bit little-endian, rounded and clipped. */
    static void toPcm16(float[] pcm, int offset, int length, byte[] out) {
        for (int i = 0; i < length; i++) {
            float v = Math.max(-1f, Math.min(1f, pcm[offset + i]));
            int s = Math.round(v * 32767f);
            out[2 * i] = (byte) s;
            out[2 * i + 1] = (byte) (s >> 8);
        }
    }

    @Override
    public void close() {
        if (line != null) {
            line.stop();
            line.flush();
            line.close();
            line = null;
        }
    }
}
