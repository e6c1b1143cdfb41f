// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.audio;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.omnidesk.capture.api.AudioChunk;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.api.PlaybackSink;

/**
 * Streams the Talker's 24 kHz speech to a {@link PcmOutput} from a bounded queue. The playback
 * task writes in short pieces, so {@link #stop()} (barge-in) takes effect within one piece: it
 * fades out over the next few milliseconds of audio, drops the queue and returns — well inside
 * 50 ms. The first chunk after silence fades in. Fades are linear over {@code fadeSamples}.
 *
 * <pre>{@code
 * AudioPlayer player = new AudioPlayer(new JavaSoundOutput(), AudioPlayer.Settings.DEFAULT);
 * player.start(playbackExecutor);
 * player.offer(new AudioChunk(pcm24k, 24_000, 0), Duration.ofSeconds(1));
 * player.stop(); // user spoke over the answer
 * }</pre>
 */
public final class AudioPlayer implements PlaybackSink {

    public static final int SAMPLE_RATE = 24_000;

    private static final long IDLE_POLL_NANOS = 5_000_000L;
    private static final long STOP_WAIT_NANOS = 200_000_000L;

    /** Queue length in chunks, fade length and write piece in samples. */
    public record Settings(int queueChunks, int fadeSamples, int writeSamples) {
        /** 64 chunks, 5 ms fades, 5 ms pieces. */
        public static final Settings DEFAULT = new Settings(64, 120, 120);

        public Settings {
            if (queueChunks < 1 || fadeSamples < 1 || writeSamples < 1) {
                throw new IllegalArgumentException("player settings must be >= 1: " + queueChunks + ", "
                        + fadeSamples + ", " + writeSamples);
            }
        }
    }

    private final PcmOutput output;
    private final Settings settings;
    private final BlockingQueue<AudioChunk> queue;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final CountDownLatch finished = new CountDownLatch(1);
    private long stopsRequested;   // guarded by lock
    private long stopsDone;        // guarded by lock
    private boolean busy;          // guarded by lock: a chunk is being written
    private volatile boolean closed;
    private boolean started;

    // Playback task state.
    private float[] current;
    private int position;
    private int fadeIn;            // samples of fade-in applied so far; == fadeSamples when done

    public AudioPlayer(PcmOutput output, Settings settings) {
        this.output = output;
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.queueChunks());
    }

    /** Opens the output and starts the playback task on {@code executor}. */
    public synchronized void start(Executor executor) throws MediaException {
        if (started) {
            throw new IllegalStateException("player already started");
        }
        output.open(SAMPLE_RATE);
        started = true;
        executor.execute(this::run);
    }

    @Override
    public int sampleRate() {
        return SAMPLE_RATE;
    }

    @Override
    public boolean offer(AudioChunk chunk, Duration timeout) throws InterruptedException {
        if (chunk.sampleRate() != SAMPLE_RATE) {
            throw new IllegalArgumentException("the player takes " + SAMPLE_RATE + " Hz, got " + chunk.sampleRate());
        }
        if (closed) {
            return false;
        }
        return queue.offer(chunk, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void stop() {
        lock.lock();
        try {
            long ticket = ++stopsRequested;
            long left = STOP_WAIT_NANOS;
            while (started && finished.getCount() > 0 && stopsDone < ticket && left > 0) {
                left = changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean playing() {
        lock.lock();
        try {
            return busy || !queue.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long left = timeout.toNanos();
            while ((busy || !queue.isEmpty()) && left > 0) {
                left = changed.awaitNanos(left);
            }
            return !busy && queue.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        stop();
        closed = true;
        synchronized (this) {
            if (!started) {
                output.close();
                return;
            }
        }
        try {
            finished.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try (output) {
            fadeIn = 0;
            while (!closed) {
                if (stopPending()) {
                    fadeOutAndDrop();
                } else if (current == null || position == current.length) {
                    takeNext();
                } else {
                    writePiece();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            signal(() -> busy = false);
            finished.countDown();
        }
    }

    private void takeNext() throws InterruptedException {
        AudioChunk next = queue.poll(IDLE_POLL_NANOS, TimeUnit.NANOSECONDS);
        if (next == null) {
            if (current != null) {
                current = null;
                fadeIn = 0; // silence: the next chunk starts softly again
                signal(() -> busy = false);
            }
            return;
        }
        signal(() -> busy = true);
        current = next.pcm();
        position = 0;
    }

    private void writePiece() {
        int n = Math.min(settings.writeSamples(), current.length - position);
        int fade = settings.fadeSamples();
        for (int i = 0; i < n && fadeIn < fade; i++, fadeIn++) {
            current[position + i] *= (fadeIn + 1) / (float) fade;
        }
        output.write(current, position, n);
        position += n;
    }

    /** Fades the next samples (this chunk's rest, then queued ones) to zero, writes them, drops the rest. */
    private void fadeOutAndDrop() {
        int fade = settings.fadeSamples();
        float[] tail = new float[fade];
        int n = 0;
        while (n < fade) {
            if (current == null || position == current.length) {
                AudioChunk next = queue.poll();
                if (next == null) {
                    break;
                }
                current = next.pcm();
                position = 0;
            }
            int take = Math.min(fade - n, current.length - position);
            System.arraycopy(current, position, tail, n, take);
            position += take;
            n += take;
        }
        float start = fadeIn < fade ? fadeIn / (float) fade : 1f; // continue from a fade-in in progress
        for (int i = 0; i < n; i++) {
            tail[i] *= start * (1f - (i + 1) / (float) n);
        }
        if (n > 0) {
            output.write(tail, 0, n);
        }
        queue.clear();
        current = null;
        fadeIn = 0;
        signal(() -> {
            busy = false;
            stopsDone = stopsRequested;
        });
    }

    private boolean stopPending() {
        lock.lock();
        try {
            return stopsDone < stopsRequested;
        } finally {
            lock.unlock();
        }
    }

    private void signal(Runnable update) {
        lock.lock();
        try {
            update.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
