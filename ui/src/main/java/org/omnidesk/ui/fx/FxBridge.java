// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.fx;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * The one way background threads reach the JavaFX thread. Tasks are queued and run in order by a
 * single {@code runLater} that drains the queue; while one is pending no other is scheduled, so a
 * burst of engine events costs one hop per pulse, not one per event. {@link #postLatest} keeps
 * only the newest task per key (meter levels, camera frames): stale values are never rendered.
 */
public final class FxBridge {

    private final Consumer<Runnable> scheduler;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Map<Object, Runnable> latest = new LinkedHashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong hops = new AtomicLong();

    /** A bridge onto the JavaFX application thread. */
    public FxBridge() {
        this(Platform::runLater);
    }

    /** A bridge onto whatever {@code scheduler} runs tasks on (tests pass their own). */
    public FxBridge(Consumer<Runnable> scheduler) {
        this.scheduler = scheduler;
    }

    /** Runs {@code task} on the FX thread after every task posted before it. */
    public void post(Runnable task) {
        tasks.add(task);
        schedule();
    }

    /** Runs {@code task} on the FX thread unless a newer task with the same key replaces it first. */
    public void postLatest(Object key, Runnable task) {
        synchronized (latest) {
            latest.put(key, task);
        }
        schedule();
    }

    /** How many times the bridge has scheduled a drain (for tests and diagnostics). */
    public long hops() {
        return hops.get();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            hops.incrementAndGet();
            scheduler.accept(this::drain);
        }
    }

    private void drain() {
        // Clear the flag first: a task posted while we drain schedules the next hop rather than being stranded.
        scheduled.set(false);
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            runGuarded(task);
        }
        Runnable[] newest;
        synchronized (latest) {
            newest = latest.values().toArray(Runnable[]::new);
            latest.clear();
        }
        for (Runnable task : newest) {
            runGuarded(task);
        }
    }

    /** One failing task must not strand the ones behind it; its failure goes to the thread's handler. */
    private static void runGuarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            Thread t = Thread.currentThread();
            t.getUncaughtExceptionHandler().uncaughtException(t, e);
        }
    }
}
