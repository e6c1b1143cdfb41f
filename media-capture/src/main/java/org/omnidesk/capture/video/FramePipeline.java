// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.video;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.omnidesk.capture.vision.PatchSink;
import org.omnidesk.capture.vision.Patchify;
import org.omnidesk.capture.vision.PilBicubic;
import org.omnidesk.capture.vision.RgbImage;
import org.omnidesk.capture.vision.Size;

/**
 * Decoded frames → resized → a grid per consecutive pair → the sink, run on a worker so the
 * decoder keeps going meanwhile. Frames are handled strictly in order (tasks are chained, whatever
 * the executor), at most {@value #IN_FLIGHT} wait, so memory stays a few frames. An odd last frame
 * is paired with itself (the processor's padding).
 */
final class FramePipeline {

    private static final int IN_FLIGHT = 2;

    private final Size resized;
    private final PatchSink sink;
    private final float[] rows;
    private final Executor worker;
    private final Semaphore slots = new Semaphore(IN_FLIGHT);
    private final Queue<Runnable> queue = new ArrayDeque<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private boolean running;
    // Touched only by the task chain:
    /** Resize plan for the current decoded size (a stream may change resolution midway). */
    private PilBicubic.Plan resize;
    private Size planned;
    private RgbImage pending;
    private int t;

    FramePipeline(Size resized, PatchSink sink, Executor worker) {
        this.resized = resized;
        this.sink = sink;
        this.rows = new float[Patchify.valuesPerGrid(resized)];
        this.worker = worker;
    }

    /** Hands over one decoded frame (display size); fails with an earlier task's error. */
    void accept(RgbImage frame) throws IOException {
        acquire(1);
        rethrow();
        enqueue(() -> {
            try {
                if (failure.get() == null) {
                    add(shrink(frame));
                }
            } catch (IOException | RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                slots.release();
            }
        });
    }

    /** Waits for every frame to be through and flushes an unpaired last frame. */
    void finish() throws IOException {
        acquire(IN_FLIGHT);
        slots.release(IN_FLIGHT);
        rethrow();
        if (pending != null) {
            emit(pending, pending);
            pending = null;
        }
    }

    /** After a decoding failure: lets queued frames fall through unprocessed and waits for the worker. */
    void abandon() {
        failure.compareAndSet(null, new CancellationException("video sampling failed"));
        slots.acquireUninterruptibly(IN_FLIGHT);
        slots.release(IN_FLIGHT);
    }

    private RgbImage shrink(RgbImage frame) {
        if (!frame.size().equals(planned)) {
            planned = frame.size();
            resize = PilBicubic.plan(frame.width(), frame.height(), resized.width(), resized.height());
        }
        return resize.apply(frame);
    }

    private void add(RgbImage small) throws IOException {
        if (pending == null) {
            pending = small;
            return;
        }
        emit(pending, small);
        pending = null;
    }

    private void emit(RgbImage first, RgbImage second) throws IOException {
        Patchify.pair(first, second, rows, 0);
        sink.grid(t++, rows);
    }

    /** Serial chaining (the Executor javadoc's SerialExecutor): the next task starts when the last ends. */
    private void enqueue(Runnable task) {
        synchronized (queue) {
            queue.add(() -> {
                try {
                    task.run();
                } finally {
                    next();
                }
            });
            if (!running) {
                next();
            }
        }
    }

    private void next() {
        Runnable r;
        synchronized (queue) {
            r = queue.poll();
            running = r != null;
        }
        if (r != null) {
            worker.execute(r);
        }
    }

    private void acquire(int permits) throws IOException {
        try {
            slots.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while preprocessing video frames");
        }
    }

    private void rethrow() throws IOException {
        Throwable e = failure.get();
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof RuntimeException re) {
            throw re;
        }
    }
}
