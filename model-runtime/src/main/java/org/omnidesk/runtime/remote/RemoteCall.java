// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The cancellable part of one turn's exchange: {@link #cancel()} (any thread) aborts the pending
 * request, wakes a retry backoff at once, and closes the response stream, which ends the reader's
 * blocking read; the engine thread then finishes the turn as cancelled.
 */
final class RemoteCall {

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final CountDownLatch wake = new CountDownLatch(1);
    private volatile CompletableFuture<?> pending;
    private volatile Closeable stream;

    boolean cancelled() {
        return cancelled.get();
    }

    void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            wake.countDown();
            CompletableFuture<?> p = pending;
            if (p != null) {
                p.cancel(true);
            }
            closeQuietly(stream);
        }
    }

    /** Waits for the response headers; {@link CancellationException} when cancelled. */
    <T> T await(CompletableFuture<T> future) throws ExecutionException {
        pending = future;
        if (cancelled()) {
            future.cancel(true);
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new CancellationException("interrupted");
        } finally {
            pending = null;
        }
    }

    /** The stream to close on cancel (closed at once if the call is already cancelled). */
    void attach(Closeable body) {
        stream = body;
        if (cancelled()) {
            closeQuietly(body);
        }
    }

    /** Sleeps for a retry backoff unless cancelled meanwhile. */
    void sleep(Duration backoff) {
        try {
            if (wake.await(backoff.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new CancellationException("cancelled");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }

    static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // closing to stop reading: nothing left to do with the stream
            }
        }
    }
}
