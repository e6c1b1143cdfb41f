// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.testing;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import org.omnidesk.capture.api.AudioChunk;
import org.omnidesk.capture.api.PlaybackSink;

/**
 * A speaker for machines without one: it "plays" queued chunks in real time (a playback thread
 * consumes samples at the sink's rate, so playing()/awaitIdle() behave like a sound card) and
 * records every sample that reached it and when output was last cut by {@link #stop()}.
 */
public final class RecordingSpeaker implements PlaybackSink {

    private static final int RATE = 24_000;
    private static final int TICK_MS = 10;

    private final Deque<float[]> queue = new ArrayDeque<>();
    private float[] samples = new float[RATE];
    private final Thread player;
    private long received;
    private long played;
    private long stops;
    private long lastStopNanos = -1;
    private int position;
    private boolean closed;

    public RecordingSpeaker() {
        player = new Thread(this::play, "test-speaker");
        player.setDaemon(true);
        player.start();
    }

    @Override
    public int sampleRate() {
        return RATE;
    }

    @Override
    public synchronized boolean offer(AudioChunk chunk, Duration timeout) {
        if (received + chunk.length() > samples.length) {
            samples = Arrays.copyOf(samples, (int) Math.max(samples.length * 2L, received + chunk.length()));
        }
        chunk.copyTo(samples, (int) received);
        queue.add(chunk.pcm());
        received += chunk.length();
        notifyAll();
        return true;
    }

    @Override
    public synchronized void stop() {
        queue.clear();
        position = 0;
        stops++;
        lastStopNanos = System.nanoTime();
        notifyAll();
    }

    @Override
    public synchronized boolean playing() {
        return !queue.isEmpty();
    }

    @Override
    public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!queue.isEmpty()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Samples handed to the speaker so far. */
    public synchronized long received() {
        return received;
    }

    /** A copy of every sample handed to the speaker, in order. */
    public synchronized float[] samples() {
        return Arrays.copyOf(samples, (int) received);
    }

    /** Samples actually played (consumed at real-time pace) so far. */
    public synchronized long played() {
        return played;
    }

    public synchronized long stops() {
        return stops;
    }

    /** {@link System#nanoTime()} of the last stop, -1 if never. */
    public synchronized long lastStopNanos() {
        return lastStopNanos;
    }

    @Override
    public synchronized void close() {
        closed = true;
        queue.clear();
        notifyAll();
    }

    /** Consumes RATE·TICK samples every tick, like a sound card draining its buffer. */
    private void play() {
        int perTick = RATE * TICK_MS / 1000;
        try {
            while (true) {
                synchronized (this) {
                    while (queue.isEmpty() && !closed) {
                        wait();
                    }
                    if (closed) {
                        return;
                    }
                    int budget = perTick;
                    while (budget > 0 && !queue.isEmpty()) {
                        float[] head = queue.peek();
                        int take = Math.min(budget, head.length - position);
                        position += take;
                        played += take;
                        budget -= take;
                        if (position == head.length) {
                            queue.poll();
                            position = 0;
                        }
                    }
                    notifyAll();
                }
                Thread.sleep(TICK_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
