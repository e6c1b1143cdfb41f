// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** The reference data in ../shared/data (system property {@code omnidesk.shared}); missing data fails. */
public final class SharedData {

    private SharedData() {
    }

    public static Path path(String relative) {
        Path p = Path.of(System.getProperty("omnidesk.shared", "../../shared")).resolve("data").resolve(relative);
        assertTrue(Files.isRegularFile(p), "reference file missing: " + p.toAbsolutePath());
        return p;
    }

    /** A raw little-endian float32 file. */
    public static float[] f32(String relative) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(path(relative))).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }
}
