// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.omnidesk.capture.api.VideoSource;
import org.omnidesk.capture.testing.Barcode;
import org.omnidesk.capture.testing.CaptureThreads;
import org.omnidesk.capture.testing.PixelValues;
import org.omnidesk.capture.vision.PatchArray;
import org.omnidesk.capture.vision.SmartResize;

class LiveVideoSamplerTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final CaptureThreads threads = new CaptureThreads();

    @Test
    void takesTwoFramesASecondOnTheTurnClock() throws Exception {
        // A file camera at 20 fps stands in for the webcam; its bars tell which frame was taken.
        Path video = Barcode.video(dir.resolve("desk.mp4"), 20, 10, "");
        try (VideoSource cam = FileCamera.open(video, false)) {
            cam.start(threads.capture());
            long cameraStart = cam.awaitNewer(-1, Duration.ofSeconds(5)).orElseThrow().captureNanos();
            LiveVideoSampler sampler = new LiveVideoSampler(cam, VideoOptions.defaults());
            long origin = System.nanoTime();
            sampler.begin(origin, threads.ticks());
            Thread.sleep(2_200);
            long before = System.nanoTime();
            PatchArray patches = new PatchArray();
            SampledVideo v = sampler.end(patches);
            long after = System.nanoTime();

            int n = v.frameIndices().length;
            long minTicks = (before - origin) / 500_000_000L + 1;
            long maxTicks = (after - origin) / 500_000_000L + 1;
            assertTrue(n >= minTicks && n <= maxTicks, n + " frames, expected " + minTicks + ".." + maxTicks);
            for (int k = 0; k < n; k++) {
                assertEquals(k * 0.5, v.frameTimesSeconds()[k], 0.0, "tick " + k + " on the 0.5 s grid");
            }
            assertEquals(1.0, v.secondPerGrid(), 0.0);
            assertEquals(2.0, v.sampleFps(), 0.0);
            assertEquals((n + 1) / 2, v.gridT());
            assertEquals(SmartResize.resize(Barcode.HEIGHT, Barcode.WIDTH, 28, VideoOptions.MIN_PIXELS,
                    VideoOptions.MAX_PIXELS), v.resized());
            // Frame k is the camera frame on show at origin + k·0.5 s (20 fps: frame number ≈ 20·t).
            for (int k = 0; k < n; k++) {
                int t = k / 2;
                int tp = k % 2;
                int shown = Barcode.read((x, y) -> PixelValues.level(patches.values(), v.gridH(), v.gridW(), t, tp, 0,
                        x, y), v.resized().width(), v.resized().height());
                double onShow = (origin + k * 500_000_000L - cameraStart) / 1e9 * 20;
                assertTrue(Math.abs(shown - onShow) <= 4, "tick " + k + " shows frame " + shown + ", expected ~"
                        + Math.round(onShow));
            }
            assertArrayEquals(java.util.stream.IntStream.range(0, n).toArray(), v.frameIndices());
        }
    }
}
