// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.chat;

/** A small picture of an attachment: {@code argb} is [height, width] row-major, one int per pixel. */
public record Thumbnail(int width, int height, int[] argb) {
    public Thumbnail {
        if (width < 1 || height < 1 || argb.length != width * height) {
            throw new IllegalArgumentException("thumbnail " + width + "x" + height + " needs "
                    + ((long) width * height) + " pixels, got " + argb.length);
        }
    }
}
