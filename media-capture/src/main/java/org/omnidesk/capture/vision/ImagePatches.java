// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.vision;

import java.nio.file.Path;
import org.omnidesk.capture.api.MediaException;

/**
 * An image as Qwen2.5-Omni takes it: {@code pixel_values} [h·w, 1176] for grid (1, h, w), after
 * smart_resize and the Pillow bicubic resize.
 */
public record ImagePatches(float[] pixelValues, int gridH, int gridW, Size source, Size resized) {

    public ImagePatches {
        if (pixelValues.length != gridH * gridW * Patchify.PATCH_DIM) {
            throw new IllegalArgumentException("pixel_values has " + pixelValues.length + " values for grid "
                    + gridH + "x" + gridW);
        }
    }

    /** Loads, resizes within [minPixels, maxPixels] and patchifies an image file. */
    public static ImagePatches load(Path path, double minPixels, double maxPixels) throws MediaException {
        return of(ImageLoader.load(path), minPixels, maxPixels);
    }

    /** Resizes and patchifies pixels already in memory (a pasted picture, a camera snapshot). */
    public static ImagePatches of(RgbImage image, double minPixels, double maxPixels) {
        Size resized = SmartResize.image(image.height(), image.width(), minPixels, maxPixels);
        RgbImage scaled = PilBicubic.resize(image, resized.width(), resized.height());
        return new ImagePatches(Patchify.image(scaled), Patchify.gridH(resized), Patchify.gridW(resized),
                image.size(), resized);
    }
}
