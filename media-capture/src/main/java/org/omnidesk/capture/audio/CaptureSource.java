// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.audio;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.omnidesk.capture.api.AudioChunk;
import org.omnidesk.capture.api.AudioDevice;
import org.omnidesk.capture.api.AudioSource;
import org.omnidesk.capture.api.CaptureStats;
import org.omnidesk.capture.api.MediaException;

/**
 * The one capture loop behind {@link Microphone} and {@link FileAudioSource}: a task reads
 * 16 kHz blocks from a {@link PcmReader}, stamps them with their capture time and queues them.
 * A device is stamped from the arrival time of its data; a file from a clock started with the
 * source, optionally paced to real time. The reader lives and dies on the capture task.
 */
final class CaptureSource implements AudioSource {

    /** Opens the reader; called once, on {@link #start}. */
    @FunctionalInterface
    interface Opener {
        PcmReader open() throws MediaException;
    }

    private static final long NANOS_PER_SAMPLE = 1_000_000_000L / PcmReader.SAMPLE_RATE;
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final AudioDevice device;
    private final Opener opener;
    private final CaptureSettings settings;
    private final boolean isDevice;
    private final AudioBlockQueue queue;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closing;
    private boolean started;

    CaptureSource(AudioDevice device, Opener opener, CaptureSettings settings, boolean isDevice) {
        this.device = device;
        this.opener = opener;
        this.settings = isDevice ? settings.withRealTime(true) : settings;
        this.isDevice = isDevice;
        this.queue = new AudioBlockQueue(settings.queueBlocks(), this.settings.realTime());
    }

    @Override
    public AudioDevice device() {
        return device;
    }

    @Override
    public int sampleRate() {
        return PcmReader.SAMPLE_RATE;
    }

    @Override
    public synchronized void start(Executor executor) throws MediaException {
        if (started) {
            throw new IllegalStateException(device.name() + " was already started");
        }
        started = true;
        PcmReader reader;
        try {
            reader = opener.open();
        } catch (MediaException e) {
            stopped.countDown();
            throw e;
        }
        try {
            executor.execute(() -> run(reader));
        } catch (RuntimeException e) {
            reader.close();
            stopped.countDown();
            throw e;
        }
    }

    private void run(PcmReader reader) {
        MediaException failure = null;
        try (reader) {
            long clockStart = System.nanoTime();
            long blockStart = 0;
            while (!closing) {
                float[] block = new float[settings.blockSamples()];
                int filled = 0;
                int n = 0;
                while (filled < block.length && !closing && (n = reader.read(block, filled, block.length - filled)) >= 0) {
                    filled += n;
                }
                if (filled == 0) {
                    break;
                }
                long captureNanos = isDevice
                        ? reader.arrivalNanos() - (reader.buffered() + (long) filled) * NANOS_PER_SAMPLE
                        : clockStart + blockStart * NANOS_PER_SAMPLE;
                blockStart += filled;
                if (settings.realTime() && !isDevice) {
                    sleepUntil(clockStart + blockStart * NANOS_PER_SAMPLE);
                }
                float[] pcm = filled == block.length ? block : Arrays.copyOf(block, filled);
                if (!queue.put(new AudioChunk(pcm, PcmReader.SAMPLE_RATE, captureNanos)) || n < 0) {
                    break;
                }
            }
        } catch (MediaException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            queue.end(failure);
            stopped.countDown();
        }
    }

    private void sleepUntil(long deadline) {
        long wait;
        while (!closing && (wait = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    @Override
    public AudioChunk poll(Duration timeout) throws InterruptedException, MediaException {
        return queue.poll(timeout.toNanos());
    }

    @Override
    public boolean finished() {
        return queue.finished();
    }

    @Override
    public CaptureStats stats() {
        return queue.stats();
    }

    @Override
    public void close() {
        closing = true;
        queue.cancel();
        synchronized (this) {
            if (!started) {
                return;
            }
        }
        try {
            // A device read returns within one fragment (~20 ms); the reader closes on the capture task.
            stopped.await(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
