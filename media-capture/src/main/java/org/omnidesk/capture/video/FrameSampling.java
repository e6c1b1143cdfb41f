// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.video;

import org.omnidesk.capture.vision.Size;
import org.omnidesk.capture.vision.SmartResize;

/**
 * qwen-omni-utils' frame selection: {@code smart_nframes}, the sampled indices
 * ({@code torch.linspace(0, total-1, n).round()}) and the per-frame pixel budget.
 */
public final class FrameSampling {

    /** Frames go to the model in temporal pairs. */
    public static final int FRAME_FACTOR = 2;

    private FrameSampling() {
    }

    /**
     * Number of frames to sample from {@code totalFrames} frames at {@code videoFps}. A one-frame
     * video (where qwen-omni-utils raises) yields 1: the frame is then paired with itself like an image.
     */
    public static int nframes(int totalFrames, double videoFps, VideoOptions options) {
        if (totalFrames < 1 || !(videoFps > 0)) {
            throw new IllegalArgumentException("video has " + totalFrames + " frames at " + videoFps + " fps");
        }
        if (totalFrames == 1) {
            return 1;
        }
        int minFrames = (int) Math.ceil(options.minFrames() / (double) FRAME_FACTOR) * FRAME_FACTOR;
        int maxFrames = floorEven(Math.min(options.maxFrames(), totalFrames));
        double n = totalFrames / videoFps * options.fps();
        n = Math.min(Math.min(Math.max(n, minFrames), maxFrames), totalFrames);
        return floorEven(n);
    }

    /**
     * {@code round(linspace(0, total−1, n))} with torch's float32 CPU kernel: step in float32, the
     * first half counted up from the start and the second half down from the end, each as one
     * fused multiply-add (how torch's kernel compiles on x86-64), then round half to even.
     */
    public static int[] indices(int totalFrames, int n) {
        if (n < 1 || n > totalFrames) {
            throw new IllegalArgumentException(n + " frames out of " + totalFrames);
        }
        int[] out = new int[n];
        if (n == 1) {
            return out;
        }
        float start = 0f;
        float end = totalFrames - 1;
        float step = (end - start) / (n - 1);
        int half = n / 2;
        for (int i = 0; i < n; i++) {
            float v = i < half ? Math.fma(step, (float) i, start) : Math.fma(-step, (float) (n - 1 - i), end);
            out[i] = (int) Math.rint(v);
        }
        return out;
    }

    /** qwen-omni-utils' sample_fps: n / total · video fps. */
    public static double sampleFps(int nframes, int totalFrames, double videoFps) {
        return nframes / Math.max(totalFrames, 1e-6) * videoFps;
    }

    /**
     * The per-frame pixel budget for {@code nframes} frames: max(min(768·28·28, total_pixels / n · 2),
     * int(min_pixels · 1.05)), capped by the caller's max_pixels.
     */
    public static double maxPixels(int nframes, VideoOptions options) {
        double budget = Math.max(Math.min(VideoOptions.MAX_PIXELS, options.totalPixels() / nframes * FRAME_FACTOR),
                (int) (options.minPixels() * 1.05));
        return Math.min(options.maxPixels(), budget);
    }

    /** smart_resize of the displayed frame size within [min_pixels, {@link #maxPixels}]. */
    public static Size frameSize(Size frame, int nframes, VideoOptions options) {
        return SmartResize.resize(frame.height(), frame.width(), SmartResize.FACTOR, options.minPixels(),
                maxPixels(nframes, options));
    }

    private static int floorEven(double v) {
        return (int) Math.floor(v / FRAME_FACTOR) * FRAME_FACTOR;
    }
}
