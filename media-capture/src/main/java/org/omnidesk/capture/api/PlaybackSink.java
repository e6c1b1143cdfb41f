// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.api;

import java.time.Duration;

/**
 * Streamed speech output: chunks queue up (bounded) and play in order; {@link #stop()} cuts
 * playback for barge-in with a short fade, within 50 ms.
 */
public interface PlaybackSink extends AutoCloseable {

    /** Samples per second the sink plays (24 000 for the Talker's voice). */
    int sampleRate();

    /** Queues a chunk; false when the queue stayed full for {@code timeout}. */
    boolean offer(AudioChunk chunk, Duration timeout) throws InterruptedException;

    /** Fades out what is playing, drops what is queued; returns once output has stopped. */
    void stop();

    /** True while queued or unplayed audio remains. */
    boolean playing();

    /** Waits until everything queued has been played; false on timeout. */
    boolean awaitIdle(Duration timeout) throws InterruptedException;

    @Override
    void close();
}
