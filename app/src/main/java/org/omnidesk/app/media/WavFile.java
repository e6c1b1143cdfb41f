// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Writes mono float PCM in [-1, 1] as a 16-bit PCM WAV file. */
public final class WavFile {

    private WavFile() {
    }

    public static void write(Path file, float[] pcm, int sampleRate) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : pcm) {
            b.putShort((short) Math.round(Math.max(-1f, Math.min(1f, v)) * 32767f));
        }
        AudioFormat format = new AudioFormat(sampleRate, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(b.array()), format, pcm.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }
}
