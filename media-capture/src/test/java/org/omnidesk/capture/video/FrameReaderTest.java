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

    private static final int[] WANTED = {0, 31, 95, 250, 251, 600, 899};

    @Test
    void sparseFramesAreReachedBySeekingToTheirKeyframes() throws Exception {
        // 900 frames, a keyframe every 30, B-frames (decode order ≠ presentation order).
        Path video = Barcode.video(dir.resolve("long.mp4"), 30, 30, "", "-g", "30", "-sc_threshold", "0", "-bf", "3");
        VideoIndex index = VideoIndex.scan(video, p -> { });
        assertEquals(900, index.frames());
        assertEquals(30, index.keyPts.length);

        int decoded = assertReadsWantedFrames(index);

        // At most one GOP (30 frames) per wanted frame, plus what the decoder holds for reordering.
        assertTrue(decoded <= WANTED.length * 30 + 16, "decoded " + decoded + " of 900");
    }

    @Test
    void mpegTsSeeksReachTheWantedFramesToo() throws Exception {
        // MPEG-TS has no sample index: its seeks are byte estimates that can land past a keyframe.
        Path video = Barcode.video(dir.resolve("long.ts"), 30, 30, "", "-g", "30", "-sc_threshold", "0", "-bf", "3");
        VideoIndex index = VideoIndex.scan(video, p -> { });
        assertEquals(900, index.frames());

        assertReadsWantedFrames(index);
    }

    /** Reads {@link #WANTED}, checks each picture's bar code and time; returns the frames decoded. */
    private static int assertReadsWantedFrames(VideoIndex index) throws Exception {
        int[] shown = new int[WANTED.length];
        long[] pts = new long[WANTED.length];
        int decoded;
        try (FrameReader reader = FrameReader.open(index)) {
            reader.read(WANTED, (k, frame, p) -> {
                pts[k] = p;
                shown[k] = Barcode.read((x, y) -> frame.rgb()[(y * frame.width() + x) * 3] & 0xFF, frame.width(),
                        frame.height());
            });
            decoded = reader.decodedFrames();
        }
        assertArrayEquals(WANTED, shown, "each returned picture is the wanted frame");
        for (int k = 0; k < WANTED.length; k++) {
            assertEquals(WANTED[k] / 30.0, index.secondsFromStart(pts[k]), 1e-6);
        }
        return decoded;
    }
}
