// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The response body with a read timeout, which java.net.http lacks for streamed bodies: a
 * watchdog closes the stream when no byte arrived for {@code idle}, so the blocked read ends and
 * the turn fails with a timeout instead of hanging on a silent server.
 */
final class IdleGuard extends FilterInputStream {

    private final long idleNanos;
    private final ScheduledFuture<?> check;
    private volatile long lastByte = System.nanoTime();
    private volatile boolean expired;

    IdleGuard(InputStream in, Duration idle, ScheduledExecutorService watchdog) {
        super(in);
        this.idleNanos = idle.toNanos();
        long period = Math.max(10, idle.toMillis() / 8);
        this.check = watchdog.scheduleWithFixedDelay(this::checkIdle, period, period, TimeUnit.MILLISECONDS);
    }

    /** True when the watchdog closed the stream. */
    boolean expired() {
        return expired;
    }

    private void checkIdle() {
        if (System.nanoTime() - lastByte > idleNanos) {
            expired = true;
            ScheduledFuture<?> self = check; // null only if this ran before the constructor returned
            if (self != null) {
                self.cancel(false);
            }
            RemoteCall.closeQuietly(in);
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        lastByte = System.nanoTime();
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        lastByte = System.nanoTime();
        return n;
    }

    @Override
    public void close() throws IOException {
        check.cancel(false);
        super.close();
    }
}
