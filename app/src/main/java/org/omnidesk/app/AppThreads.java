// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The app's threads, one job each (the engine owns its inference thread, JavaFX its own):
 * {@code session} runs the turn state machine; {@code media} prepares dropped files; {@code io}
 * writes history and settings; {@code voice} reads the microphone and feeds live turns;
 * {@code speech} feeds the speaker; {@code setup} installs model packages and opens engines;
 * {@code capture} runs device capture loops; {@code timer} paces the camera preview and 2 fps sampling.
 */
public final class AppThreads implements AutoCloseable {

    public final ExecutorService session = single("omnidesk-session");
    public final ExecutorService media = single("omnidesk-media");
    public final ExecutorService io = single("omnidesk-io");
    public final ExecutorService voice = single("omnidesk-voice");
    public final ExecutorService speech = single("omnidesk-speech");
    public final ExecutorService setup = single("omnidesk-setup");
    public final ExecutorService capture = Executors.newCachedThreadPool(named("omnidesk-capture"));
    public final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(named("omnidesk-timer"));

    private static ExecutorService single(String name) {
        return Executors.newSingleThreadExecutor(named(name));
    }

    private static ThreadFactory named(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, n.getAndIncrement() == 0 ? name : name + "-" + n.get());
            t.setDaemon(true);
            return t;
        };
    }

    /** Stops everything at once; io gets a moment to finish its writes (history, settings). */
    @Override
    public void close() {
        List<ExecutorService> now = List.of(session, media, voice, speech, setup, capture, timer);
        now.forEach(ExecutorService::shutdownNow);
        io.shutdown();
        try {
            io.awaitTermination(3, TimeUnit.SECONDS);
            for (ExecutorService e : now) {
                e.awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
