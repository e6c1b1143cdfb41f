// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyWriterTest {

    @TempDir
    Path dir;

    @Test
    void streamedRowsGiveTheSameFileAsOneWrite() throws IOException {
        float[] v = new float[3 * 50_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = i * 0.25f - 7f;
        }
        Path whole = dir.resolve("whole.npy");
        Npy.writeFloat32(whole, v, 3, 50_000);
        Path streamed = dir.resolve("streamed.npy");
        try (Npy.Writer w = Npy.Writer.open(streamed, 3, 50_000)) {
            for (int row = 0; row < 3; row++) {
                w.write(Arrays.copyOfRange(v, row * 50_000, (row + 1) * 50_000));
            }
        }
        assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(streamed));
    }

    @Test
    void aShortStreamFailsOnClose() throws IOException {
        Path p = dir.resolve("short.npy");
        Npy.Writer w = Npy.Writer.open(p, 2, 2);
        w.write(new float[3]);
        IOException e = assertThrows(IOException.class, w::close);
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        Npy.Writer over = Npy.Writer.open(dir.resolve("over.npy"), 2);
        assertThrows(IllegalStateException.class, () -> over.write(new float[3]));
        over.write(new float[2]);
        over.close();
    }
}
