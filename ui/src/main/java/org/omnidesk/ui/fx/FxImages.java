// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.fx;

import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/** Copies {@link ArgbImage} pixels into JavaFX images. */
public final class FxImages {

    private FxImages() {
    }

    public static WritableImage toImage(ArgbImage source) {
        WritableImage image = new WritableImage(source.width(), source.height());
        write(source, image);
        return image;
    }

    /** Overwrites {@code target} (same size as {@code source}) in place. */
    public static void write(ArgbImage source, WritableImage target) {
        if ((int) target.getWidth() != source.width() || (int) target.getHeight() != source.height()) {
            throw new IllegalArgumentException("target is " + (int) target.getWidth() + "x" + (int) target.getHeight()
                    + ", source " + source.width() + "x" + source.height());
        }
        target.getPixelWriter().setPixels(0, 0, source.width(), source.height(), PixelFormat.getIntArgbInstance(),
                source.argb(), 0, source.width());
    }
}
