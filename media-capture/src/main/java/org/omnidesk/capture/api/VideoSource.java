// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.api;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Pictures arriving from a camera, or from a video file played like one. A capture task (run on
 * the caller's executor) keeps only the newest frame: a slow consumer skips frames, it never
 * queues them.
 *
 * <pre>{@code
 * try (VideoSource cam = Webcam.open(device, 1280, 720)) {
 *     cam.start(captureExecutor);
 *     cam.latest().ifPresent(preview::show);
 * }
 * }</pre>
 */
public interface VideoSource extends AutoCloseable {

    CameraDevice device();

    /** Opens the device or file and starts the capture task on {@code executor}. */
    void start(Executor executor) throws MediaException;

    /** The newest frame, if any arrived yet; never blocks. */
    Optional<VideoFrame> latest();

    /**
     * Waits up to {@code timeout} for a frame newer than {@code afterSequence} (−1 for any);
     * empty on timeout or when the source has ended. A capture failure is thrown here.
     */
    Optional<VideoFrame> awaitNewer(long afterSequence, Duration timeout) throws InterruptedException, MediaException;

    /** Hands a frame's buffer back for reuse once it is no longer read (optional). */
    void release(VideoFrame frame);

    /** True once capture has stopped: end of a non-looping file, a failure, or close. */
    boolean finished();

    /** Stops capturing and releases the device; idempotent. */
    @Override
    void close();
}
