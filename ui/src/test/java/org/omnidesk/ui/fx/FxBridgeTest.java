// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

@ExtendWith(ApplicationExtension.class)
class FxBridgeTest {

    @Test
    void aBurstOfPostsCostsOneHopAndRunsInOrder() {
        List<Runnable> scheduled = new ArrayList<>();
        FxBridge bridge = new FxBridge(scheduled::add);
        List<Integer> ran = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int n = i;
            bridge.post(() -> ran.add(n));
        }
        assertEquals(1, scheduled.size(), "one drain pending at a time");
        scheduled.get(0).run();
        assertEquals(1000, ran.size());
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, ran.get(i));
        }
        bridge.post(() -> ran.add(-1));
        assertEquals(2, scheduled.size(), "after a drain the next post schedules again");
    }

    @Test
    void postLatestRunsOnlyTheNewestPerKeyAfterOrderedTasks() {
        List<Runnable> scheduled = new ArrayList<>();
        FxBridge bridge = new FxBridge(scheduled::add);
        List<String> ran = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            bridge.postLatest("level", () -> ran.add("level " + n));
            bridge.postLatest("frame", () -> ran.add("frame " + n));
        }
        bridge.post(() -> ran.add("text"));
        scheduled.get(0).run();
        assertEquals(List.of("text", "level 49", "frame 49"), ran);
        assertEquals(1, bridge.hops());
    }

    @Test
    void aFailingTaskDoesNotStrandTheOthers() {
        List<Runnable> scheduled = new ArrayList<>();
        FxBridge bridge = new FxBridge(scheduled::add);
        List<Throwable> reported = new ArrayList<>();
        List<String> ran = new ArrayList<>();
        Thread.UncaughtExceptionHandler old = Thread.currentThread().getUncaughtExceptionHandler();
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> reported.add(e));
        try {
            bridge.post(() -> {
                throw new IllegalStateException("boom");
            });
            bridge.post(() -> ran.add("after"));
            scheduled.get(0).run();
        } finally {
            Thread.currentThread().setUncaughtExceptionHandler(old);
        }
        assertEquals(List.of("after"), ran);
        assertEquals("boom", reported.get(0).getMessage());
    }

    @Test
    void onTheFxThreadManyEventsFromAnotherThreadTakeFewRunLaters() throws Exception {
        AtomicInteger runLaters = new AtomicInteger();
        FxBridge bridge = new FxBridge(task -> {
            runLaters.incrementAndGet();
            Platform.runLater(task);
        });
        int events = 20_000;
        CountDownLatch all = new CountDownLatch(events);
        AtomicInteger offThread = new AtomicInteger();
        Thread producer = new Thread(() -> {
            for (int i = 0; i < events; i++) {
                bridge.post(() -> {
                    if (!Platform.isFxApplicationThread()) {
                        offThread.incrementAndGet();
                    }
                    all.countDown();
                });
            }
        }, "producer");
        producer.start();
        assertTrue(all.await(20, TimeUnit.SECONDS));
        assertEquals(0, offThread.get());
        assertTrue(runLaters.get() < events / 10, runLaters.get() + " runLaters for " + events + " events");
    }
}
