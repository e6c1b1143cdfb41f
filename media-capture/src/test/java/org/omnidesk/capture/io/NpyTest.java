// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnidesk.capture.testing.SharedData;

class NpyTest {

    @TempDir
    Path dir;

    @Test
    void rewritingANumpyFileGivesTheSameBytes() throws IOException {
        Path original = SharedData.path("mel/jfk.qwen_omni.npy");
        Npy.Array a = Npy.readFloat32(original);
        assertArrayEquals(new int[] {128, 1100}, a.shape());
        Path copy = dir.resolve("copy.npy");
        Npy.writeFloat32(copy, a.data(), a.shape());
        assertArrayEquals(Files.readAllBytes(original), Files.readAllBytes(copy));
    }

    @Test
    void fortranOrderIsReturnedInCOrder() throws IOException {
        // The filter bank is stored column-major; its row 0 (lowest mel) is non-zero only at bins 0..2.
        Npy.Array f = Npy.readFloat32(SharedData.path("mel/mel_filters_hf_128.npy"));
        assertArrayEquals(new int[] {128, 201}, f.shape());
        float[] d = f.data();
        assertTrue(d[1] > 0 && d[3] == 0f, "row 0 should start at bins 0..2");
        assertTrue(d[127 * 201 + 200] > 0 || d[127 * 201 + 199] > 0, "the top mel filter reaches the top bins");
    }

    @Test
    void roundTripsOtherRanks() throws IOException {
        float[] v = {1f, -2.5f, 3.25f, Float.MIN_VALUE, Float.MAX_VALUE, 0f};
        for (int[] shape : new int[][] {{6}, {2, 3}, {1, 2, 3}}) {
            Path p = dir.resolve("a" + shape.length + ".npy");
            Npy.writeFloat32(p, v, shape);
            assertEquals(0, (10 + (Files.readAllBytes(p)[8] & 0xff)) % 64, "header padded to 64 bytes");
            Npy.Array back = Npy.readFloat32(p);
            assertArrayEquals(shape, back.shape());
            assertArrayEquals(v, back.data());
        }
    }

    @Test
    void badFilesFailWithTheirName() throws IOException {
        Path text = dir.resolve("not.npy");
        Files.writeString(text, "hello, this is text and not numpy");
        IOException e = assertThrows(IOException.class, () -> Npy.readFloat32(text));
        assertTrue(e.getMessage().contains(text.toString()), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Npy.writeFloat32(dir.resolve("x.npy"), new float[5], 2, 3));
    }
}
