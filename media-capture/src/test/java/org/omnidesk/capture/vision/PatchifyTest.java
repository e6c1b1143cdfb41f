// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.omnidesk.capture.io.Npy;
import org.omnidesk.capture.testing.SharedData;

class PatchifyTest {

    @Test
    void referenceResizedImageGivesTheReferencePixelValues() throws IOException {
        JsonNode ref = new ObjectMapper().readTree(SharedData.path("vision/images.json").toFile())
                .get("cases").get("grad_300x451");
        int h = ref.get("resized_hw").get(0).asInt();
        int w = ref.get("resized_hw").get(1).asInt();
        RgbImage resized = new RgbImage(w, h, Files.readAllBytes(SharedData.path("vision/grad_300x451.resized.rgb")));
        Npy.Array expected = Npy.readFloat32(SharedData.path("vision/grad_300x451.pixel_values.npy"));

        float[] got = Patchify.image(resized);

        Size size = resized.size();
        assertEquals(ref.get("image_grid_thw").get(1).asInt(), Patchify.gridH(size));
        assertEquals(ref.get("image_grid_thw").get(2).asInt(), Patchify.gridW(size));
        assertArrayEquals(expected.shape(), new int[] {got.length / Patchify.PATCH_DIM, Patchify.PATCH_DIM});
        double maxDiff = 0;
        for (int i = 0; i < got.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(got[i] - expected.data()[i]));
        }
        System.out.println("patchify vs reference pixel_values: max |diff| " + maxDiff);
        assertTrue(maxDiff <= 1e-6, "max |diff| " + maxDiff);
        assertEquals(ref.get("pixel_values_first10").get(9).asDouble(), got[9], 1e-7);
    }

    @Test
    void twoDifferentFramesLandInTheTemporalHalvesOfEachRow() {
        Size size = new Size(28, 28);
        RgbImage black = RgbImage.blank(28, 28);
        RgbImage white = RgbImage.blank(28, 28);
        java.util.Arrays.fill(white.rgb(), (byte) 255);
        float[] out = new float[Patchify.valuesPerGrid(size)];
        Patchify.pair(black, white, out, 0);
        // Row layout per channel: 196 values of frame 0, then 196 of frame 1.
        float blackRed = (0f - 0.48145466f) / 0.26862954f;
        float whiteRed = ((float) (255 / 255.0) - 0.48145466f) / 0.26862954f;
        assertEquals(blackRed, out[0]);
        assertEquals(blackRed, out[195]);
        assertEquals(whiteRed, out[196]);
        assertEquals(whiteRed, out[391]);
        assertEquals(4 * Patchify.PATCH_DIM, out.length);
    }
}
