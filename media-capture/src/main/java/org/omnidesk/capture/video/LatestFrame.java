// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.video;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.api.VideoFrame;

/**
 * Keep-latest slot between a capture task and its readers, with buffer reuse: a frame's buffer
 * returns to a small pool once it is superseded and every reader that took it has released it.
 * Frames never released are simply left to the GC.
 */
final class LatestFrame {

    private static final int POOL = 3;

    private final ArrayDeque<byte[]> pool = new ArrayDeque<>();
    /** Buffers handed out and not yet released, with their reader count. */
    private final Map<byte[], Integer> readers = new IdentityHashMap<>();
    private VideoFrame current;
    private long nextSequence;
    private boolean ended;
    private MediaException failure;

    /** A buffer of exactly {@code bytes} for the producer: recycled when one is free. */
    synchronized byte[] buffer(int bytes) {
        byte[] b;
        while ((b = pool.poll()) != null) {
            if (b.length == bytes) {
                return b;
            }
        }
        return new byte[bytes];
    }

    /** Makes a filled buffer the newest frame; wakes waiting readers. */
    synchronized VideoFrame publish(int width, int height, byte[] rgb, long captureNanos) {
        VideoFrame previous = current;
        current = new VideoFrame(width, height, rgb, captureNanos, nextSequence++);
        if (previous != null && !readers.containsKey(previous.rgb())) {
            recycle(previous.rgb());
        }
        notifyAll();
        return current;
    }

    synchronized Optional<VideoFrame> latest() {
        return Optional.ofNullable(current).map(this::handOut);
    }

    synchronized Optional<VideoFrame> awaitNewer(long afterSequence, long timeoutNanos)
            throws InterruptedException, MediaException {
        long deadline = System.nanoTime() + timeoutNanos;
        while ((current == null || current.sequence() <= afterSequence) && !ended) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            wait(left / 1_000_000, (int) (left % 1_000_000));
        }
        if (current != null && current.sequence() > afterSequence) {
            return Optional.of(handOut(current));
        }
        if (failure != null) {
            throw failure;
        }
        return Optional.empty();
    }

    synchronized void release(VideoFrame frame) {
        Integer n = readers.get(frame.rgb());
        if (n == null) {
            return;
        }
        if (n > 1) {
            readers.put(frame.rgb(), n - 1);
            return;
        }
        readers.remove(frame.rgb());
        if (current == null || current.rgb() != frame.rgb()) {
            recycle(frame.rgb());
        }
    }

    /** Capture stopped, with the reason when it failed; readers waiting wake up. */
    synchronized void end(MediaException reason) {
        ended = true;
        failure = reason;
        notifyAll();
    }

    synchronized boolean ended() {
        return ended;
    }

    private VideoFrame handOut(VideoFrame frame) {
        readers.merge(frame.rgb(), 1, Integer::sum);
        return frame;
    }

    private void recycle(byte[] buffer) {
        if (pool.size() < POOL) {
            pool.add(buffer);
        }
    }
}
