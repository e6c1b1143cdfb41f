// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.audio;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps what would have been played: for tests, for machines without a sound card, and for
 * saving speech to a file. With {@code realTime} it takes samples at the sample rate behind a
 * small buffer, exactly like a sound card line, so that playback timing is that of a device.
 */
public final class RecordingOutput implements PcmOutput {

    private final boolean realTime;
    private final int bufferMillis;
    private int sampleRate;
    private float[] samples = new float[1 << 14];
    private int count;
    private double played;       // samples the emulated device has consumed
    private long clockNanos;     // when `played` was last advanced

    /** A recording that takes samples as fast as they come. */
    public RecordingOutput() {
        this(false, 0);
    }

    /** A recording that consumes at the sample rate behind a {@code bufferMillis} buffer, like a device. */
    public RecordingOutput(boolean realTime, int bufferMillis) {
        this.realTime = realTime;
        this.bufferMillis = bufferMillis;
    }

    @Override
    public synchronized void open(int rate) {
        this.sampleRate = rate;
        this.clockNanos = System.nanoTime();
    }

    @Override
    public void write(float[] pcm, int offset, int length) {
        synchronized (this) {
            if (count + length > samples.length) {
                samples = Arrays.copyOf(samples, Math.max(2 * samples.length, count + length));
            }
            System.arraycopy(pcm, offset, samples, count, length);
            count += length;
        }
        if (realTime) {
            waitForRoom();
        }
    }

    /** Blocks while more than the buffer is waiting to be "played"; an empty device idles. */
    private void waitForRoom() {
        double buffer = sampleRate * bufferMillis / 1000.0;
        while (true) {
            double excess;
            synchronized (this) {
                long now = System.nanoTime();
                played = Math.min(count, played + (now - clockNanos) * sampleRate / 1e9);
                clockNanos = now;
                excess = count - played - buffer;
            }
            if (excess <= 0) {
                return;
            }
            LockSupport.parkNanos((long) (excess * 1e9 / sampleRate));
        }
    }

    /** A copy of everything written so far. */
    public synchronized float[] samples() {
        return Arrays.copyOf(samples, count);
    }

    public synchronized int sampleCount() {
        return count;
    }

    public synchronized int sampleRate() {
        return sampleRate;
    }

    @Override
    public void close() {
        // Nothing to release: the recording stays readable.
    }
}
