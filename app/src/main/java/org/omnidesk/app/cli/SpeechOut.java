// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.omnidesk.capture.api.AudioChunk;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.audio.AudioPlayer;
import org.omnidesk.capture.audio.JavaSoundOutput;

/** Plays the command line's spoken answer on the default speaker, or says once that there is none. */
final class SpeechOut implements AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "omnidesk-playback");
        t.setDaemon(true);
        return t;
    });
    private AudioPlayer player;

    SpeechOut(boolean enabled, PrintWriter err) {
        if (!enabled) {
            return;
        }
        try {
            AudioPlayer p = new AudioPlayer(new JavaSoundOutput(), AudioPlayer.Settings.DEFAULT);
            p.start(thread);
            player = p;
        } catch (MediaException e) {
            err.println("omnidesk: not playing the answer: " + e.getMessage() + " (use --wav OUT to save it)");
        }
    }

    void play(float[] pcm) {
        if (player != null) {
            try {
                player.offer(new AudioChunk(pcm, AudioPlayer.SAMPLE_RATE, System.nanoTime()), Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits until everything queued has been played. */
    void drain() throws InterruptedException {
        if (player != null) {
            player.awaitIdle(Duration.ofMinutes(10));
        }
    }

    @Override
    public void close() {
        if (player != null) {
            player.close();
        }
        thread.shutdownNow();
    }
}
