// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.io;

import java.io.IOException;
import java.nio.file.Path;
import org.omnidesk.capture.vision.PatchSink;
import org.omnidesk.capture.vision.Patchify;

/** Streams {@code pixel_values} [t·h·w, 1176] to a .npy file grid by grid. */
public final class NpyPatchSink implements PatchSink, AutoCloseable {

    private final Path file;
    private Npy.Writer writer;

    public NpyPatchSink(Path file) {
        this.file = file;
    }

    @Override
    public void begin(int gridT, int gridH, int gridW) throws IOException {
        writer = Npy.Writer.open(file, gridT * gridH * gridW, Patchify.PATCH_DIM);
    }

    @Override
    public void grid(int t, float[] rows) throws IOException {
        writer.write(rows);
    }

    @Override
    public void close() throws IOException {
        if (writer != null) {
            writer.close();
        }
    }
}
