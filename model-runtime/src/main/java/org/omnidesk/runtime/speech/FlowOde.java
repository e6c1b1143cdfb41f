// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.speech;

/**
 * The flow-matching ODE of Token2Wav's DiT, integrated from noise (t = 0) to mel (t = 1) on
 * transformers' swayed time grid. States are [T, 80] mel frames, row-major.
 */
public final class FlowOde {

    /** The CFG-mixed velocity v(t, y) [T·80]; one call is one (two-row) DiT evaluation. */
    @FunctionalInterface
    public interface Velocity {
        float[] at(float t, float[] y);
    }

    /** Solvers of QWEN25_OMNI.md §8.4. */
    public enum Solver {
        /** Official low-VRAM/streaming path: 1 evaluation per interval (9 for 10 steps). */
        EULER,
        /** transformers' RungeKutta4ODESolver (torchdiffeq rk4_alt, the 3/8 rule): 4 per interval (36). */
        RK4
    }

    private FlowOde() {
    }

    /**
     * torch.linspace(0, 1, steps) then t += sway·(cos(πt/2) − 1 + t), in float32 like the reference
     * (sway −1 gives 1 − cos(πt/2)).
     */
    public static float[] swayedGrid(int steps, float sway) {
        if (steps < 2) {
            throw new IllegalArgumentException("need at least 2 time points, got " + steps);
        }
        float[] t = new float[steps];
        for (int i = 0; i < steps; i++) {
            // torch.linspace computes start + i·step for the first half and end − (n−1−i)·step for the rest.
            float step = 1f / (steps - 1);
            float v = i < steps / 2 ? i * step : 1f - (steps - 1 - i) * step;
            t[i] = v + sway * ((float) Math.cos(Math.PI / 2 * v) - 1f + v);
        }
        return t;
    }

    /** Integrates {@code y0} (not modified) over the grid; returns the state at the last time point. */
    public static float[] solve(Solver solver, float[] y0, float[] grid, Velocity v) {
        float[] y = y0.clone();
        for (int i = 0; i + 1 < grid.length; i++) {
            float t0 = grid[i];
            float dt = grid[i + 1] - t0;
            if (solver == Solver.EULER) {
                axpy(y, dt, v.at(t0, y));
            } else {
                rk38Step(y, t0, dt, grid[i + 1], v);
            }
        }
        return y;
    }

    /** y += dt·(k1 + 3(k2 + k3) + k4)/8 with the 3/8-rule stages, as transformers' _rk4_step. */
    private static void rk38Step(float[] y, float t0, float dt, float t1, Velocity v) {
        int n = y.length;
        float third = 1f / 3f;
        float[] k1 = v.at(t0, y);
        float[] tmp = new float[n];
        for (int j = 0; j < n; j++) {
            tmp[j] = y[j] + dt * k1[j] * third;
        }
        float[] k2 = v.at(t0 + dt * third, tmp);
        for (int j = 0; j < n; j++) {
            tmp[j] = y[j] + dt * (k2[j] - k1[j] * third);
        }
        float[] k3 = v.at(t0 + dt * (2f / 3f), tmp);
        for (int j = 0; j < n; j++) {
            tmp[j] = y[j] + dt * (k1[j] - k2[j] + k3[j]);
        }
        float[] k4 = v.at(t1, tmp);
        for (int j = 0; j < n; j++) {
            y[j] += (k1[j] + 3f * (k2[j] + k3[j]) + k4[j]) * dt / 8f;
        }
    }

    private static void axpy(float[] y, float a, float[] x) {
        for (int j = 0; j < y.length; j++) {
            y[j] += x[j] * a;
        }
    }

    /**
     * Classifier-free guidance on a dit_step output [2, T, 80] (row 0 conditional, row 1 not):
     * v = v₀ + g·(v₀ − v₁).
     */
    public static float[] guide(float[] twoRows, float guidance) {
        int n = twoRows.length / 2;
        float[] v = new float[n];
        for (int j = 0; j < n; j++) {
            float c = twoRows[j];
            v[j] = c + (c - twoRows[n + j]) * guidance;
        }
        return v;
    }
}
