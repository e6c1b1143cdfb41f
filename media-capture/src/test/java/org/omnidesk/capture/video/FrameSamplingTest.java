// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.omnidesk.capture.testing.SharedData;
import org.omnidesk.capture.vision.Size;

class FrameSamplingTest {

    @Test
    void everyReferenceCaseIsExact() throws IOException {
        JsonNode cases = new ObjectMapper().readTree(SharedData.path("vision/smart_nframes_cases.json").toFile())
                .get("cases");
        assertTrue(cases.size() >= 6);
        VideoOptions options = VideoOptions.defaults();
        for (JsonNode c : cases) {
            assertTrue(c.get("ele").isEmpty(), "cases use the default element");
            int total = c.get("total_frames").asInt();
            double fps = c.get("video_fps").asDouble();
            String label = total + " frames @ " + fps;

            int n = FrameSampling.nframes(total, fps, options);
            assertEquals(c.get("nframes").asInt(), n, label);
            int[] expected = new int[c.get("indices").size()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = c.get("indices").get(i).asInt();
            }
            assertArrayEquals(expected, FrameSampling.indices(total, n), label);
            assertEquals(c.get("sample_fps").asDouble(), FrameSampling.sampleFps(n, total, fps), 0.0, label);
            assertEquals(c.get("video_max_pixels_for_this_nframes").asDouble(), FrameSampling.maxPixels(n, options),
                    0.0, label);
            Size resized = FrameSampling.frameSize(new Size(720, 1280), n, options);
            assertEquals(c.get("resized_hw_for_720x1280").get(0).asInt(), resized.height(), label);
            assertEquals(c.get("resized_hw_for_720x1280").get(1).asInt(), resized.width(), label);
            assertEquals(c.get("grid_t").asInt(), n / 2, label);
        }
    }

    @Test
    void float32LinspaceDiffersFromFloat64WhereTheReferenceSaysSo() {
        // 108000 frames, 768 samples: float64 linspace rounds indices 412 and 469 the other way.
        int[] idx = FrameSampling.indices(108_000, 768);
        double step = 107_999.0 / 767;
        assertEquals(Math.rint(412 * step) - 1, idx[412]);
        assertEquals(Math.rint(469 * step) - 1, idx[469]);
    }

    @Test
    void shortVideosAreRaisedToFourFramesAndOneFrameIsKept() {
        VideoOptions options = VideoOptions.defaults();
        assertEquals(4, FrameSampling.nframes(10, 25, options));
        assertEquals(2, FrameSampling.nframes(3, 25, options));
        assertEquals(1, FrameSampling.nframes(1, 25, options));
        assertArrayEquals(new int[] {0}, FrameSampling.indices(1, 1));
        assertEquals(20, FrameSampling.nframes(300, 30, options.withMaxFrames(21)));
        assertEquals(10, FrameSampling.nframes(300, 30, options.withFps(1)));
    }
}
