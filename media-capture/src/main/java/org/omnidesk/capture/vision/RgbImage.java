// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.vision;

/** 8-bit RGB pixels, row-major [height, width, 3], no padding. The array is shared, not copied. */
public record RgbImage(int width, int height, byte[] rgb) {
    public RgbImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException("rgb has " + rgb.length + " bytes, " + width + "x" + height
                    + " needs " + width * height * 3);
        }
    }

    public static RgbImage blank(int width, int height) {
        return new RgbImage(width, height, new byte[width * height * 3]);
    }

    public Size size() {
        return new Size(height, width);
    }
}
