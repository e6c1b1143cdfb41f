// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.testing;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.omnidesk.app.media.Speaker;
import org.omnidesk.capture.api.AudioChunk;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.api.PlaybackSink;
import org.omnidesk.capture.audio.AudioPlayer;
import org.omnidesk.capture.audio.RecordingOutput;

/**
 * The speaker for machines without one: the real {@link AudioPlayer} in front of a
 * {@link RecordingOutput} that consumes samples in real time like a sound card line. Records
 * what reached the player, what was "played", and when the session last cut playback.
 */
public final class TestSpeaker implements Speaker {

    private final RecordingOutput output = new RecordingOutput(true, 40);
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong stops = new AtomicLong();
    private final AtomicLong lastStopNanos = new AtomicLong(-1);

    @Override
    public PlaybackSink open(Executor executor) throws MediaException {
        AudioPlayer player = new AudioPlayer(output, AudioPlayer.Settings.DEFAULT);
        player.start(executor);
        return new PlaybackSink() {
            @Override
            public int sampleRate() {
                return player.sampleRate();
            }

            @Override
            public boolean offer(AudioChunk chunk, Duration timeout) throws InterruptedException {
                offered.addAndGet(chunk.length());
                return player.offer(chunk, timeout);
            }

            @Override
            public void stop() {
                player.stop();
                stops.incrementAndGet();
                lastStopNanos.set(System.nanoTime());
            }

            @Override
            public boolean playing() {
                return player.playing();
            }

            @Override
            public boolean awaitIdle(Duration timeout) throws InterruptedException {
                return player.awaitIdle(timeout);
            }

            @Override
            public void close() {
                player.close();
            }
        };
    }

    /** Samples the session handed to the player. */
    public long offered() {
        return offered.get();
    }

    /** Samples the "sound card" has taken so far. */
    public long played() {
        return output.sampleCount();
    }

    /** Everything the "sound card" took, in order. */
    public float[] samples() {
        return output.samples();
    }

    public long stops() {
        return stops.get();
    }

    /** {@link System#nanoTime()} when the last stop had silenced the output (stop returned), -1 if never. */
    public long lastStopNanos() {
        return lastStopNanos.get();
    }
}
