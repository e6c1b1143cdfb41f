// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.omnidesk.runtime.api.VisionFeatures;

class PatchFramesTest {

    private static int[] pixels(BufferedImage image) {
        return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    }

    @Test
    void undoesTheHuggingFaceProcessorOnTheReferenceImageExactly() throws IOException {
        // transformers' Qwen2-VL processor made these pixel_values from the PIL-resized RGB beside them.
        VisionFeatures v = TestMedia.referenceImage().features();
        byte[] expected = Files.readAllBytes(TestMedia.shared("data/vision/grad_300x451.resized.rgb")); // [308, 448, 3]
        assertEquals(308, PatchFrames.height(v));
        assertEquals(448, PatchFrames.width(v));
        assertEquals(2, PatchFrames.frameCount(v));
        int[] got = pixels(PatchFrames.frame(v, 0));
        for (int i = 0; i < got.length; i++) {
            int rgb = (expected[3 * i] & 0xFF) << 16 | (expected[3 * i + 1] & 0xFF) << 8 | expected[3 * i + 2] & 0xFF;
            if (got[i] != rgb) {
                throw new AssertionError("pixel " + i + ": expected " + Integer.toHexString(rgb) + ", got "
                        + Integer.toHexString(got[i]));
            }
        }
        assertArrayEquals(got, pixels(PatchFrames.frame(v, 1)), "an image is two identical frames");
    }

    @Test
    void recoversEveryFrameOfAVideoInTimeOrder() {
        List<int[]> frames = TestMedia.frames(6, 56, 112);
        VisionFeatures v = TestMedia.patchify(frames, 56, 112, 1.0);
        assertEquals(3, v.gridT());
        assertEquals(6, PatchFrames.frameCount(v));
        for (int f = 0; f < 6; f++) {
            assertArrayEquals(frames.get(f), pixels(PatchFrames.frame(v, f)), "frame " + f);
        }
    }

    @Test
    void clampsValuesOutsideTheByteRange() {
        assertEquals(0, PatchFrames.toByte(-5f, 0));
        assertEquals(255, PatchFrames.toByte(5f, 2));
        assertEquals(128, PatchFrames.toByte((float) ((128 / 255.0 - PatchFrames.MEAN[1]) / PatchFrames.STD[1]), 1));
    }
}
