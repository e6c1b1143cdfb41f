// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.omnidesk.runtime.api.AssistantEvent;
import org.omnidesk.runtime.api.AssistantEventListener;
import org.omnidesk.runtime.api.FinishReason;

/**
 * Prints a turn for {@code omnidesk ask}, whichever engine runs it: the text as it streams to
 * {@code out}, a one-line error to {@code err}; speech is collected for {@link #writeWav}.
 */
public final class TurnPrinter implements AssistantEventListener {

    private final PrintWriter out;
    private final PrintWriter err;
    private float[] speech = new float[0];
    private int samples;
    private int sampleRate;
    private boolean printed;

    public TurnPrinter(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void onEvent(AssistantEvent event) {
        if (event instanceof AssistantEvent.TextDelta text) {
            out.print(text.text());
            out.flush();
            printed = true;
        } else if (event instanceof AssistantEvent.SpeechChunk chunk) {
            append(chunk);
        } else if (event instanceof AssistantEvent.TurnFinished finished) {
            endLine();
            if (finished.reason() == FinishReason.CANCELLED || finished.reason() == FinishReason.MAX_TOKENS) {
                err.println("omnidesk: the answer stopped early (" + finished.reason().name().toLowerCase() + ")");
            }
        } else if (event instanceof AssistantEvent.TurnFailed failed) {
            endLine();
            err.println("omnidesk: " + failed.message());
        }
    }

    /** Seconds of speech received so far. */
    public double speechSeconds() {
        return sampleRate == 0 ? 0 : samples / (double) sampleRate;
    }

    /** Writes the speech as a mono 16-bit WAV at the rate the engine sent. */
    public void writeWav(Path file) throws IOException {
        int rate = sampleRate == 0 ? 24_000 : sampleRate;
        ByteBuffer pcm = ByteBuffer.allocate(2 * samples).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            pcm.putShort((short) Math.round(Math.max(-1f, Math.min(1f, speech[i])) * 32767f));
        }
        AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
        try (AudioInputStream stream = new AudioInputStream(new ByteArrayInputStream(pcm.array()), format, samples)) {
            AudioSystem.write(stream, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }

    private void append(AssistantEvent.SpeechChunk chunk) {
        sampleRate = chunk.sampleRate();
        if (samples + chunk.pcm().length > speech.length) {
            speech = Arrays.copyOf(speech, Math.max(2 * speech.length, samples + chunk.pcm().length));
        }
        System.arraycopy(chunk.pcm(), 0, speech, samples, chunk.pcm().length);
        samples += chunk.pcm().length;
    }

    private void endLine() {
        if (printed) {
            out.println();
            out.flush();
            printed = false;
        }
    }
}
