// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.fx;

/**
 * Pixels handed to the UI from another thread (a thumbnail, a camera frame): {@code argb} is
 * [height, width] row-major, one non-premultiplied ARGB int per pixel. The producer gives the
 * array away and does not touch it again.
 */
public record ArgbImage(int width, int height, int[] argb) {
    public ArgbImage {
        if (width < 1 || height < 1 || argb.length != width * height) {
            throw new IllegalArgumentException("image " + width + "x" + height + " needs "
                    + ((long) width * height) + " pixels, got " + argb.length);
        }
    }
}
