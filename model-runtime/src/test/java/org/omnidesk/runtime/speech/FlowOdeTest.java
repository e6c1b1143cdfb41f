// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.speech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FlowOdeTest {

    @Test
    void swayedGridIsOneMinusCosine() {
        float[] t = FlowOde.swayedGrid(10, -1f);
        assertEquals(10, t.length);
        for (int i = 0; i < 10; i++) {
            assertEquals(1 - Math.cos(Math.PI * i / 18), t[i], 1e-6, "t[" + i + "]");
        }
        assertEquals(0f, t[0]);
        assertEquals(1f, t[9], 1e-7);
    }

    @Test
    void rk4IsExactForVelocitiesCubicInTimeAndUsesFourEvaluationsPerInterval() {
        // dy/dt = 4t^3 -> y(1) = y(0) + 1, which the 3/8 rule integrates exactly.
        AtomicInteger calls = new AtomicInteger();
        float[] y = FlowOde.solve(FlowOde.Solver.RK4, new float[] {0.5f, -2f}, FlowOde.swayedGrid(10, -1f),
                (t, state) -> {
                    calls.incrementAndGet();
                    return new float[] {4 * t * t * t, 4 * t * t * t};
                });
        assertArrayEquals(new float[] {1.5f, -1f}, y, 1e-5f);
        assertEquals(36, calls.get());
    }

    @Test
    void eulerTakesOneEvaluationPerIntervalAndConvergesOnALinearOde() {
        AtomicInteger calls = new AtomicInteger();
        float[] grid = FlowOde.swayedGrid(10, -1f);
        float[] euler = FlowOde.solve(FlowOde.Solver.EULER, new float[] {1f}, grid, (t, s) -> {
            calls.incrementAndGet();
            return new float[] {-s[0]};
        });
        assertEquals(9, calls.get());
        // Explicit Euler on y' = -y multiplies by (1 - dt) per interval: an independent closed form.
        double expected = 1;
        for (int i = 0; i + 1 < grid.length; i++) {
            expected *= 1 - (grid[i + 1] - grid[i]);
        }
        assertEquals(expected, euler[0], 1e-6);
        float[] rk4 = FlowOde.solve(FlowOde.Solver.RK4, new float[] {1f}, grid, (t, s) -> new float[] {-s[0]});
        assertEquals(Math.exp(-1), rk4[0], 2e-4);
    }

    @Test
    void guidanceMixesConditionalAndUnconditionalRows() {
        float[] rows = {1f, 2f, /* uncond */ 0f, 4f};
        assertArrayEquals(new float[] {1.5f, 1f}, FlowOde.guide(rows, 0.5f));
    }
}
