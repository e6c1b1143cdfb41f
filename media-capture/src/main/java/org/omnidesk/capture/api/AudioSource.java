// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.api;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * 16 kHz mono audio arriving in blocks: a microphone, or a file read like one. A capture task
 * (run on the caller's executor) pushes blocks into a bounded queue; when the consumer falls
 * behind, the oldest blocks are dropped and counted in {@link #stats()}, never silently.
 *
 * <pre>{@code
 * try (AudioSource mic = Microphone.open(device, Microphone.Settings.DEFAULT)) {
 *     mic.start(captureExecutor);
 *     AudioChunk c;
 *     while ((c = mic.poll(Duration.ofMillis(100))) != null || !mic.finished()) { ... }
 * }
 * }</pre>
 */
public interface AudioSource extends AutoCloseable {

    AudioDevice device();

    /** Samples per second of the blocks (16 000). */
    int sampleRate();

    /** Opens the input and starts the capture task on {@code executor}. */
    void start(Executor executor) throws MediaException;

    /**
     * The next block, waiting up to {@code timeout}; null when none came in time or the source
     * has ended. A capture failure (device unplugged, file damaged) is thrown here once the
     * blocks before it were taken.
     */
    AudioChunk poll(Duration timeout) throws InterruptedException, MediaException;

    /** True once the source has ended and every block was taken. */
    boolean finished();

    CaptureStats stats();

    /** Stops capturing and releases the device; idempotent. */
    @Override
    void close();
}
