// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.vision;

/**
 * EXIF orientations 1…8 (as PIL's {@code ImageOps.exif_transpose} applies them) and the video
 * display-matrix rotations that map onto them.
 */
public final class Orientation {

    public static final int NORMAL = 1;
    public static final int ROTATE_180 = 3;
    /** Stored image must be turned 90° clockwise to display. */
    public static final int ROTATE_90_CW = 6;
    public static final int ROTATE_90_CCW = 8;

    private Orientation() {
    }

    /**
     * The orientation for a clockwise display rotation in degrees (any multiple of 90; other angles
     * are rounded to the nearest quarter turn).
     */
    public static int ofClockwiseDegrees(double degrees) {
        int quarter = Math.floorMod((int) Math.round(degrees / 90.0), 4);
        return switch (quarter) {
            case 1 -> ROTATE_90_CW;
            case 2 -> ROTATE_180;
            case 3 -> ROTATE_90_CCW;
            default -> NORMAL;
        };
    }

    /** Returns {@code image} displayed per {@code orientation}; orientation 1 returns it unchanged. */
    public static RgbImage apply(RgbImage image, int orientation) {
        if (orientation <= NORMAL || orientation > 8) {
            return image;
        }
        int w = image.width();
        int h = image.height();
        boolean swap = orientation >= 5;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        byte[] src = image.rgb();
        byte[] dst = new byte[src.length];
        int q = 0;
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - ox; sy = oy; }
                    case 3 -> { sx = w - 1 - ox; sy = h - 1 - oy; }
                    case 4 -> { sx = ox; sy = h - 1 - oy; }
                    case 5 -> { sx = oy; sy = ox; }
                    case 6 -> { sx = oy; sy = h - 1 - ox; }
                    case 7 -> { sx = w - 1 - oy; sy = h - 1 - ox; }
                    default -> { sx = w - 1 - oy; sy = ox; }
                }
                int p = (sy * w + sx) * 3;
                dst[q++] = src[p];
                dst[q++] = src[p + 1];
                dst[q++] = src[p + 2];
            }
        }
        return new RgbImage(ow, oh, dst);
    }
}
