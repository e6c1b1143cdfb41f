// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.testing.SharedData;

class PilBicubicTest {

    /** Tolerance the issue allows; the figures reached are printed and are 0 / 0 (byte-exact). */
    private static final double MEAN_TOLERANCE = 0.5;
    private static final int MAX_TOLERANCE = 3;

    @Test
    void referenceImageResizesToPillowsBytes() throws IOException, MediaException {
        JsonNode ref = new ObjectMapper().readTree(SharedData.path("vision/images.json").toFile())
                .get("cases").get("grad_300x451");
        RgbImage source = ImageLoader.load(SharedData.path("vision/grad_300x451.png"));
        assertEquals(ref.get("source_hw").get(0).asInt(), source.height());
        assertEquals(ref.get("source_hw").get(1).asInt(), source.width());
        Size target = SmartResize.image(source.height(), source.width(), ref.get("min_pixels").asDouble(),
                ref.get("max_pixels").asDouble());
        assertEquals(ref.get("resized_hw").get(0).asInt(), target.height());
        assertEquals(ref.get("resized_hw").get(1).asInt(), target.width());

        RgbImage got = PilBicubic.resize(source, target.width(), target.height());

        byte[] expected = Files.readAllBytes(SharedData.path("vision/grad_300x451.resized.rgb"));
        Difference d = Difference.of(expected, got.rgb());
        System.out.printf("PIL bicubic vs reference grad_300x451: mean |diff| %.4f, max %d levels%n", d.mean, d.max);
        assertTrue(d.mean <= MEAN_TOLERANCE && d.max <= MAX_TOLERANCE, d.toString());
        assertEquals(0, d.max, "byte-exact with Pillow");
    }

    /** Goldens from Pillow 9.4 (src/test/resources/pil/make_pil_goldens.py): down, up, one axis, both. */
    @ParameterizedTest
    @CsvSource({"28,56", "200,30", "97,140", "45,61", "13,7", "300,200"})
    void syntheticPatternMatchesPillowAtManyScales(int width, int height) throws IOException {
        RgbImage source = pattern(97, 61);
        byte[] expected;
        try (InputStream in = getClass().getResourceAsStream("/pil/pattern97x61_to_" + width + "x" + height + ".rgb")) {
            expected = in.readAllBytes();
        }
        RgbImage got = PilBicubic.resize(source, width, height);
        Difference d = Difference.of(expected, got.rgb());
        assertEquals(0, d.max, width + "x" + height + ": " + d);
    }

    @Test
    void samePlanReusedForManyFramesGivesTheSameResult() {
        PilBicubic.Plan plan = PilBicubic.plan(97, 61, 45, 30);
        RgbImage a = plan.apply(pattern(97, 61));
        RgbImage b = plan.apply(pattern(97, 61));
        assertEquals(0, Difference.of(a.rgb(), b.rgb()).max);
    }

    static RgbImage pattern(int w, int h) {
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    rgb[(y * w + x) * 3 + c] = (byte) ((x * x * 3 + y * 7 + c * 85 + (x * y) % 37 * 5) & 0xFF);
                }
            }
        }
        return new RgbImage(w, h, rgb);
    }

    record Difference(double mean, int max) {
        static Difference of(byte[] a, byte[] b) {
            assertEquals(a.length, b.length, "sizes differ");
            long sum = 0;
            int max = 0;
            for (int i = 0; i < a.length; i++) {
                int d = Math.abs((a[i] & 0xFF) - (b[i] & 0xFF));
                sum += d;
                max = Math.max(max, d);
            }
            return new Difference((double) sum / a.length, max);
        }
    }
}
