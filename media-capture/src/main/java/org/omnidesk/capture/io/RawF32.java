// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Headerless little-endian float32 files ({@code .f32}): the reference waveforms and raw PCM in and out. */
public final class RawF32 {

    private static final int CHUNK = 1 << 16;

    private RawF32() {
    }

    public static boolean isRawF32(Path file) {
        return String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT).endsWith(".f32");
    }

    /** Values [from, to) of the file (clamped to its length); a size not a multiple of 4 is refused. */
    public static float[] read(Path file, long from, long to) throws IOException {
        long size = Files.size(file);
        if (size % 4 != 0) {
            throw new IOException(file + " is not raw float32 (its size, " + size + " bytes, is not a multiple of 4)");
        }
        long count = size / 4;
        long start = Math.min(Math.max(from, 0), count);
        long end = Math.min(Math.max(to, start), count);
        if (end - start > Integer.MAX_VALUE - 8) {
            throw new IOException(file + " is too large to read at once (" + (end - start) + " samples)");
        }
        float[] out = new float[(int) (end - start)];
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(start * 4);
            byte[] bytes = new byte[CHUNK];
            int pos = 0;
            while (pos < out.length) {
                int want = Math.min(CHUNK, (out.length - pos) * 4);
                in.readNBytes(bytes, 0, want);
                ByteBuffer.wrap(bytes, 0, want).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out, pos, want / 4);
                pos += want / 4;
            }
        }
        return out;
    }

    public static void write(Path file, float[] data) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), CHUNK)) {
            LittleEndianFloats.write(out, data);
        }
    }
}
