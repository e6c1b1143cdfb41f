// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.api.MediaException.Kind;
import org.omnidesk.capture.api.VideoFrame;

class LatestFrameTest {

    @Test
    void keepsOnlyTheNewestAndNumbersFrames() {
        LatestFrame slot = new LatestFrame();
        assertTrue(slot.latest().isEmpty());
        for (int i = 0; i < 5; i++) {
            slot.publish(2, 1, slot.buffer(6), 100 + i);
        }
        VideoFrame f = slot.latest().orElseThrow();
        assertEquals(4, f.sequence());
        assertEquals(104, f.captureNanos());
    }

    @Test
    void buffersComeBackOnlyWhenNoReaderHoldsThem() {
        LatestFrame slot = new LatestFrame();
        byte[] a = slot.buffer(6);
        slot.publish(2, 1, a, 1);
        VideoFrame held = slot.latest().orElseThrow();
        slot.publish(2, 1, slot.buffer(6), 2);
        assertNotSame(a, slot.buffer(6), "a frame a reader holds is never handed to the producer");
        slot.release(held);
        assertSame(a, slot.buffer(6), "released and superseded: reused");

        byte[] unread = slot.buffer(6);
        slot.publish(2, 1, unread, 3);
        slot.publish(2, 1, slot.buffer(6), 4);
        assertSame(unread, slot.buffer(6), "superseded before anyone read it: reused");
    }

    @Test
    void waitersWakeForNewFramesAndSeeTheFailure() throws Exception {
        LatestFrame slot = new LatestFrame();
        CompletableFuture<Optional<VideoFrame>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return slot.awaitNewer(-1, TimeUnit.SECONDS.toNanos(5));
            } catch (InterruptedException | MediaException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        slot.publish(2, 1, slot.buffer(6), 7);
        assertEquals(0, waiting.get(5, TimeUnit.SECONDS).orElseThrow().sequence());
        assertTrue(slot.awaitNewer(0, 1_000_000).isEmpty(), "nothing newer: times out empty");

        slot.end(new MediaException(Kind.DEVICE_UNAVAILABLE, Path.of("camera-0"), "unplugged"));
        assertEquals(Kind.DEVICE_UNAVAILABLE,
                assertThrows(MediaException.class, () -> slot.awaitNewer(0, 1_000_000)).kind());
        assertTrue(slot.ended());
    }
}
