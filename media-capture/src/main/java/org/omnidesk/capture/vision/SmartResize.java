// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.vision;

/**
 * qwen-omni-utils {@code smart_resize}: the size (multiple of {@code factor}) an image or video frame
 * is resized to before patchify, keeping the aspect ratio and the pixel count within [min, max].
 * float64 math as in Python; Python's {@code round} is round-half-to-even, hence {@link Math#rint}.
 */
public final class SmartResize {

    /** Merged 2x2 patches of 14 px: sides are multiples of 28. */
    public static final int FACTOR = 28;
    /** Images: 4·28·28 … 16384·28·28 pixels. */
    public static final int IMAGE_MIN_PIXELS = 4 * 28 * 28;
    public static final int IMAGE_MAX_PIXELS = 16384 * 28 * 28;
    /** Larger side over smaller side beyond which an image is refused. */
    public static final double MAX_RATIO = 200;

    private SmartResize() {
    }

    /** The target size for an image of {@code height}×{@code width}; pixel bounds may be fractional (video budget). */
    public static Size resize(int height, int width, int factor, double minPixels, double maxPixels) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + height + "x" + width);
        }
        if ((double) Math.max(height, width) / Math.min(height, width) > MAX_RATIO) {
            throw new IllegalArgumentException("aspect ratio " + Math.max(height, width) / Math.min(height, width)
                    + " exceeds " + MAX_RATIO);
        }
        int h = Math.max(factor, roundByFactor(height, factor));
        int w = Math.max(factor, roundByFactor(width, factor));
        if ((double) h * w > maxPixels) {
            double beta = Math.sqrt((double) height * width / maxPixels);
            h = Math.max(factor, floorByFactor(height / beta, factor));
            w = Math.max(factor, floorByFactor(width / beta, factor));
        } else if ((double) h * w < minPixels) {
            double beta = Math.sqrt(minPixels / ((double) height * width));
            h = ceilByFactor(height * beta, factor);
            w = ceilByFactor(width * beta, factor);
        }
        return new Size(h, w);
    }

    /** The image rule with the default 28-px factor. */
    public static Size image(int height, int width, double minPixels, double maxPixels) {
        return resize(height, width, FACTOR, minPixels, maxPixels);
    }

    private static int roundByFactor(double value, int factor) {
        return (int) Math.rint(value / factor) * factor;
    }

    private static int floorByFactor(double value, int factor) {
        return (int) Math.floor(value / factor) * factor;
    }

    private static int ceilByFactor(double value, int factor) {
        return (int) Math.ceil(value / factor) * factor;
    }
}
