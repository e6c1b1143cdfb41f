// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.omnidesk.capture.api.CameraDevice;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.api.MediaException.Kind;
import org.omnidesk.capture.api.VideoFrame;
import org.omnidesk.capture.api.VideoSource;
import org.omnidesk.capture.testing.Barcode;
import org.omnidesk.capture.testing.CaptureThreads;

class FileCameraTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final CaptureThreads threads = new CaptureThreads();

    @Test
    void playsEveryFrameAtItsOwnPace() throws Exception {
        Path video = Barcode.video(dir.resolve("cam.mp4"), 20, 1, "");
        List<VideoFrame> seen = new ArrayList<>();
        try (VideoSource cam = FileCamera.open(video, false)) {
            cam.start(threads.capture());
            long last = -1;
            while (true) {
                var next = cam.awaitNewer(last, Duration.ofSeconds(5));
                if (next.isEmpty()) {
                    break;
                }
                VideoFrame f = next.get();
                seen.add(new VideoFrame(f.width(), f.height(), f.rgb().clone(), f.captureNanos(), f.sequence()));
                last = f.sequence();
                cam.release(f);
            }
            assertTrue(cam.finished(), "a file without loop ends");
        }
        // A reader that keeps up sees frames in order, each showing its own number, 50 ms apart.
        assertTrue(seen.size() >= 15, "saw " + seen.size() + " of 20 frames");
        int previous = -1;
        for (VideoFrame f : seen) {
            int n = Barcode.read((x, y) -> f.rgb()[(y * f.width() + x) * 3] & 0xFF, f.width(), f.height());
            assertTrue(n > previous, "frame numbers increase: " + n + " after " + previous);
            assertEquals(n * 50_000_000L, f.captureNanos() - seen.get(0).captureNanos()
                    + number(seen.get(0)) * 50_000_000L, 1_000_000, "shown at its own timestamp");
            previous = n;
        }
        VideoFrame first = seen.get(0);
        assertEquals(Barcode.WIDTH, first.width());
        assertEquals(Barcode.HEIGHT, first.height());
    }

    @Test
    void loopingStartsAgainAtTheEnd() throws Exception {
        Path video = Barcode.video(dir.resolve("loop.mp4"), 25, 0.4, "");
        try (VideoSource cam = FileCamera.open(video, true)) {
            cam.start(threads.capture());
            long last = -1;
            int wraps = 0;
            int previous = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (wraps < 2 && System.nanoTime() < deadline) {
                VideoFrame f = cam.awaitNewer(last, Duration.ofSeconds(5)).orElseThrow();
                int n = number(f);
                if (n < previous) {
                    wraps++;
                }
                previous = n;
                last = f.sequence();
                cam.release(f);
            }
            assertEquals(2, wraps, "played through the end twice");
            assertTrue(!cam.finished());
        }
    }

    @Test
    void badFilesFailOnStartWithTheirPath() throws Exception {
        Path text = Files.writeString(dir.resolve("clip.mp4"), "not a video\n".repeat(50));
        try (VideoSource cam = FileCamera.open(text, false)) {
            MediaException e = assertThrows(MediaException.class, () -> cam.start(threads.capture()));
            assertEquals(Kind.NOT_MEDIA, e.kind());
            assertTrue(e.getMessage().contains(text.toString()));
            assertTrue(cam.finished());
        }
    }

    @Test
    void anAbsentCameraIsReportedAsUnavailable() {
        try (VideoSource cam = Webcam.open(new CameraDevice("97", "no such camera", "opencv"),
                640, 480)) {
            MediaException e = assertThrows(MediaException.class, () -> cam.start(threads.capture()));
            assertEquals(Kind.DEVICE_UNAVAILABLE, e.kind());
            assertTrue(e.getMessage().contains("camera-97"), e.getMessage());
        }
    }

    private static int number(VideoFrame f) {
        return Barcode.read((x, y) -> f.rgb()[(y * f.width() + x) * 3] & 0xFF, f.width(), f.height());
    }
}
