// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Capture and tick executors for one test ({@code @RegisterExtension}); after the test it stops
 * them and checks every capture task really ended.
 */
public final class CaptureThreads implements AfterEachCallback {

    private final ExecutorService capture = Executors.newCachedThreadPool();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();

    public ExecutorService capture() {
        return capture;
    }

    public ScheduledExecutorService ticks() {
        return ticks;
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        capture.shutdownNow();
        ticks.shutdownNow();
        assertTrue(capture.awaitTermination(5, TimeUnit.SECONDS), "capture tasks ended");
    }
}
