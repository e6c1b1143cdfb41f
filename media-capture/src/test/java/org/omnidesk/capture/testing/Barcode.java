// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test videos whose every frame shows its own frame number N as a 10-bit bar code (10 vertical
 * stripes, least significant bit on the left, white = 1), encoded losslessly by the Debian ffmpeg.
 * Reading the bars back tells exactly which source frame a decoder returned.
 */
public final class Barcode {

    public static final int BITS = 10;
    public static final int WIDTH = 80;
    public static final int HEIGHT = 48;
    private static final String BARS = "geq=lum='16+219*mod(floor(N/pow(2,floor(X*10/W))),2)':cb=128:cr=128";

    private Barcode() {
    }

    /** {@code seconds} of bar-coded frames at {@code fps}; {@code filters} are appended after the bars. */
    public static Path video(Path out, double fps, double seconds, String filters, String... encoder)
            throws IOException, InterruptedException {
        List<String> options = new ArrayList<>(List.of("-vf", filters.isEmpty() ? BARS : BARS + "," + filters));
        options.addAll(List.of("-c:v", "libx264", "-qp", "0", "-pix_fmt", "yuv420p"));
        options.addAll(List.of(encoder));
        return Ffmpeg.lavfi("color=c=gray:s=" + WIDTH + "x" + HEIGHT + ":r=" + fps + ":d=" + seconds, out,
                options.toArray(String[]::new));
    }

    /** Reads N from a picture given as a level lookup (x, y) → 0…255 of width {@code width}, height {@code height}. */
    public static int read(Levels picture, int width, int height) {
        int n = 0;
        for (int bit = 0; bit < BITS; bit++) {
            int x = (int) ((bit + 0.5) * width / BITS);
            if (picture.at(x, height / 2) > 128) {
                n |= 1 << bit;
            }
        }
        return n;
    }

    /** A picture's red level at a pixel. */
    @FunctionalInterface
    public interface Levels {
        double at(int x, int y);
    }
}
