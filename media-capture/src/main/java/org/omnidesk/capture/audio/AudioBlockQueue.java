// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.audio;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.omnidesk.capture.api.AudioChunk;
import org.omnidesk.capture.api.CaptureStats;
import org.omnidesk.capture.api.MediaException;

/**
 * The bounded hand-over from a capture task to its consumer. When full, a real-time producer
 * (a device cannot wait) drops the oldest block and counts it; a file read as fast as possible
 * waits instead. The producer's end — or its failure — reaches the consumer after the blocks.
 */
final class AudioBlockQueue {

    private final ArrayDeque<AudioChunk> blocks;
    private final int capacity;
    private final boolean dropOldest;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private long delivered;
    private long samples;
    private long droppedBlocks;
    private long droppedSamples;
    private boolean ended;
    private boolean cancelled;
    private MediaException failure;

    AudioBlockQueue(int capacity, boolean dropOldest) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be >= 1, got " + capacity);
        }
        this.blocks = new ArrayDeque<>(capacity);
        this.capacity = capacity;
        this.dropOldest = dropOldest;
    }

    /** Adds a block; false once the consumer has cancelled. */
    boolean put(AudioChunk block) throws InterruptedException {
        lock.lock();
        try {
            while (blocks.size() == capacity && !cancelled) {
                if (dropOldest) {
                    AudioChunk old = blocks.removeFirst();
                    droppedBlocks++;
                    droppedSamples += old.length();
                } else {
                    notFull.await();
                }
            }
            if (cancelled) {
                return false;
            }
            blocks.addLast(block);
            delivered++;
            samples += block.length();
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The producer is done; {@code error} (may be null) is thrown to the consumer after the last block. */
    void end(MediaException error) {
        lock.lock();
        try {
            ended = true;
            failure = error;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The consumer is gone: wakes and stops the producer. */
    void cancel() {
        lock.lock();
        try {
            cancelled = true;
            blocks.clear();
            notFull.signalAll();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    AudioChunk poll(long timeoutNanos) throws InterruptedException, MediaException {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (blocks.isEmpty()) {
                if (ended || cancelled) {
                    MediaException e = failure;
                    failure = null;
                    if (e != null) {
                        throw e;
                    }
                    return null;
                }
                if (left <= 0) {
                    return null;
                }
                left = notEmpty.awaitNanos(left);
            }
            AudioChunk block = blocks.removeFirst();
            notFull.signal();
            return block;
        } finally {
            lock.unlock();
        }
    }

    boolean finished() {
        lock.lock();
        try {
            return (ended || cancelled) && blocks.isEmpty() && failure == null;
        } finally {
            lock.unlock();
        }
    }

    CaptureStats stats() {
        lock.lock();
        try {
            return new CaptureStats(delivered, samples, droppedBlocks, droppedSamples, blocks.size(), capacity);
        } finally {
            lock.unlock();
        }
    }
}
