// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.vision;

/** A picture size in pixels, height first as in the Python references. */
public record Size(int height, int width) {
    public Size {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("size must be positive: " + height + "x" + width);
        }
    }

    public long pixels() {
        return (long) height * width;
    }
}
