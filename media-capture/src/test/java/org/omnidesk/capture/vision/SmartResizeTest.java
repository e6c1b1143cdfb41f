// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.omnidesk.capture.testing.SharedData;

class SmartResizeTest {

    @Test
    void everyReferenceCaseMatchesQwenOmniUtilsAndTheHfProcessor() throws IOException {
        JsonNode cases = new ObjectMapper().readTree(SharedData.path("vision/smart_resize_cases.json").toFile())
                .get("cases");
        assertTrue(cases.size() >= 8);
        for (JsonNode c : cases) {
            Size got = SmartResize.resize(c.get("height").asInt(), c.get("width").asInt(), c.get("factor").asInt(),
                    c.get("min_pixels").asDouble(), c.get("max_pixels").asDouble());
            String label = c.toString();
            assertEquals(c.get("utils").get(0).asInt(), got.height(), label);
            assertEquals(c.get("utils").get(1).asInt(), got.width(), label);
            // The HF processor re-runs smart_resize on the resized image: a no-op on conforming sizes.
            if (c.get("hf").isArray()) {
                Size again = SmartResize.resize(got.height(), got.width(), c.get("factor").asInt(),
                        c.get("min_pixels").asDouble(), c.get("max_pixels").asDouble());
                assertEquals(c.get("hf").get(0).asInt(), again.height(), label);
                assertEquals(c.get("hf").get(1).asInt(), again.width(), label);
            }
        }
    }

    @Test
    void roundsHalfToEvenLikePython() {
        // 70/28 = 2.5 → 2 (Python round), where Math.round would give 3.
        assertEquals(new Size(56, 56), SmartResize.image(70, 70, 3136, 12_845_056));
        // 98/28 = 3.5 → 4.
        assertEquals(new Size(112, 112), SmartResize.image(98, 98, 3136, 12_845_056));
    }

    @Test
    void theVideoBudgetOfALongVideoShrinks720pTo336x644() {
        // 768 frames: max_pixels = 90316800 / 768 * 2 = 235200 (fractional math kept as double).
        assertEquals(new Size(336, 644), SmartResize.resize(720, 1280, 28, 100_352, 90_316_800.0 / 768 * 2));
    }

    @Test
    void refusesExtremeAspectRatios() {
        assertThrows(IllegalArgumentException.class, () -> SmartResize.image(1, 201, 3136, 12_845_056));
    }
}
