// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.function.Consumer;
import org.omnidesk.runtime.api.AssistantEvent;
import org.omnidesk.runtime.api.AssistantEventListener;

/**
 * Shows a turn of {@code omnidesk ask}, whichever engine runs it: the text as it streams to
 * {@code out} (then a newline), speech to {@code speaker} and into a buffer for {@code --wav} and
 * {@code --dump}, and a failure as one line on {@code err}.
 */
final class TurnPrinter implements AssistantEventListener {

    private final PrintWriter out;
    private final PrintWriter err;
    private final Consumer<float[]> speaker;
    private float[] speech = new float[0];
    private int samples;
    private int sampleRate = 24_000;
    private boolean printed;

    TurnPrinter(PrintWriter out, PrintWriter err, Consumer<float[]> speaker) {
        this.out = out;
        this.err = err;
        this.speaker = speaker;
    }

    @Override
    public void onEvent(AssistantEvent event) {
        if (event instanceof AssistantEvent.TextDelta text) {
            out.print(text.text());
            out.flush();
            printed = true;
        } else if (event instanceof AssistantEvent.SpeechChunk chunk) {
            speaker.accept(chunk.pcm());
            append(chunk);
        } else if (event instanceof AssistantEvent.TurnFinished) {
            out.println();
            out.flush();
        } else if (event instanceof AssistantEvent.TurnFailed failed) {
            if (printed) {
                out.println();
                out.flush();
            }
            err.println("omnidesk: " + failed.message());
        }
    }

    /** The speech received so far, mono in [-1, 1] at {@link #sampleRate()}. */
    float[] speech() {
        return Arrays.copyOf(speech, samples);
    }

    int sampleRate() {
        return sampleRate;
    }

    private void append(AssistantEvent.SpeechChunk chunk) {
        sampleRate = chunk.sampleRate();
        if (samples + chunk.pcm().length > speech.length) {
            speech = Arrays.copyOf(speech, Math.max(2 * speech.length, samples + chunk.pcm().length));
        }
        System.arraycopy(chunk.pcm(), 0, speech, samples, chunk.pcm().length);
        samples += chunk.pcm().length;
    }
}
