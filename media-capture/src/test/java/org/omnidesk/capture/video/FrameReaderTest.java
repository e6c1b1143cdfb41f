// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnidesk.capture.testing.Barcode;

class FrameReaderTest {

    @TempDir
    Path dir;

    @Test
    void sparseFramesAreReachedBySeekingToTheirKeyframes() throws Exception {
        // 900 frames, a keyframe every 30, B-frames (decode order ≠ presentation order).
        Path video = Barcode.video(dir.resolve("long.mp4"), 30, 30, "", "-g", "30", "-sc_threshold", "0", "-bf", "3");
        VideoIndex index = VideoIndex.scan(video, p -> { });
        assertEquals(900, index.frames());
        assertEquals(30, index.keyPts.length);
        int[] wanted = {0, 31, 95, 250, 251, 600, 899};
        int[] shown = new int[wanted.length];
        long[] pts = new long[wanted.length];

        int decoded;
        try (FrameReader reader = FrameReader.open(index)) {
            reader.read(wanted, (k, frame, p) -> {
                pts[k] = p;
                shown[k] = Barcode.read((x, y) -> frame.rgb()[(y * frame.width() + x) * 3] & 0xFF, frame.width(),
                        frame.height());
            });
            decoded = reader.decodedFrames();
        }

        assertArrayEquals(wanted, shown, "each returned picture is the wanted frame");
        for (int k = 0; k < wanted.length; k++) {
            assertEquals(wanted[k] / 30.0, index.secondsFromStart(pts[k]), 1e-9);
        }
        // At most one GOP (30 frames) per wanted frame, plus what the decoder holds for reordering.
        assertTrue(decoded <= wanted.length * 30 + 16, "decoded " + decoded + " of 900");
    }
}
