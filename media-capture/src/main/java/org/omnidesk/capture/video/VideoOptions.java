// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.video;

/**
 * The qwen-omni-utils video element's knobs ({@code fps}, {@code min_frames}, {@code max_frames},
 * {@code min_pixels}, {@code max_pixels}, {@code total_pixels}) plus the TMRoPE time-base switch.
 *
 * @param fps            frames sampled per second of video (2.0)
 * @param minFrames      at least this many frames (4; rounded up to even)
 * @param maxFrames      at most this many frames (768; rounded down to even)
 * @param minPixels      per-frame lower pixel bound (128·28·28)
 * @param maxPixels      per-frame upper pixel bound; only lowers the budget rule, never raises it
 *                       ({@code Double.POSITIVE_INFINITY} = not given)
 * @param totalPixels    pixel budget over all frames (90,316,800)
 * @param nominalFps     {@code true}: second_per_grid = 2 / 2.0 as the reference processor assumes;
 *                       {@code false}: 2 / the real sampling rate (TMRoPE's real timestamps)
 */
public record VideoOptions(double fps, int minFrames, int maxFrames, double minPixels, double maxPixels,
                           double totalPixels, boolean nominalFps) {

    public static final double FPS = 2.0;
    public static final int MIN_FRAMES = 4;
    public static final int MAX_FRAMES = 768;
    public static final int MIN_PIXELS = 128 * 28 * 28;
    public static final int MAX_PIXELS = 768 * 28 * 28;
    public static final double TOTAL_PIXELS = (int) (128000 * 28 * 28 * 0.9);
    /** The fps Qwen's processor uses for second_per_grid when the caller passes none. */
    public static final double PROCESSOR_FPS = 2.0;

    public VideoOptions {
        if (!(fps > 0) || minFrames < 1 || maxFrames < 2 || !(minPixels > 0) || !(maxPixels >= minPixels)
                || !(totalPixels > 0)) {
            throw new IllegalArgumentException("bad video options: fps " + fps + ", frames " + minFrames + ".."
                    + maxFrames + ", pixels " + minPixels + ".." + maxPixels + ", total " + totalPixels);
        }
    }

    public static VideoOptions defaults() {
        return new VideoOptions(FPS, MIN_FRAMES, MAX_FRAMES, MIN_PIXELS, Double.POSITIVE_INFINITY, TOTAL_PIXELS, false);
    }

    public VideoOptions withFps(double value) {
        return new VideoOptions(value, minFrames, maxFrames, minPixels, maxPixels, totalPixels, nominalFps);
    }

    public VideoOptions withMaxFrames(int value) {
        return new VideoOptions(fps, minFrames, value, minPixels, maxPixels, totalPixels, nominalFps);
    }

    public VideoOptions withPixels(double min, double max) {
        return new VideoOptions(fps, minFrames, maxFrames, min, max, totalPixels, nominalFps);
    }

    public VideoOptions withNominalFps(boolean value) {
        return new VideoOptions(fps, minFrames, maxFrames, minPixels, maxPixels, totalPixels, value);
    }
}
