// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnidesk.capture.io.Npy;

/** {@code omnidesk features mel} and {@code omnidesk bench mel} end to end. */
class MelCommandsTest {

    private static final Path MEL = Path.of(System.getProperty("omnidesk.shared", "../../shared"), "data", "mel");

    @TempDir
    Path dir;

    @Test
    void rawF32GivesTheReferenceFeatures() throws Exception {
        Path npy = dir.resolve("jfk.npy");
        CliRun run = CliRun.of("features", "mel", MEL.resolve("jfk.f32").toString(), "--out", npy.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("[128, 1100]"), run.out());
        Npy.Array ours = Npy.readFloat32(npy);
        Npy.Array ref = Npy.readFloat32(MEL.resolve("jfk.qwen_omni.npy"));
        assertArrayEquals(ref.shape(), ours.shape());
        for (int i = 0; i < ref.data().length; i++) {
            assertEquals(ref.data()[i], ours.data()[i], 1e-4, "value " + i);
        }
    }

    @Test
    void mediaFilesAndRangesAreDecodedFirst() throws Exception {
        Path wav = dir.resolve("tone.wav");
        Process p = new ProcessBuilder("ffmpeg", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=44100:duration=3", wav.toString()).redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes()));
        Path npy = dir.resolve("tone.npy");
        CliRun run = CliRun.of("features", "mel", wav.toString(), "--out", npy.toString(), "--start", "0.5", "--end", "2.005");
        assertEquals(0, run.code(), run.err());
        assertArrayEquals(new int[] {128, 151}, Npy.readFloat32(npy).shape(), "ceil(24079 / 160) frames: int(16000·2.005) = 32079");
    }

    @Test
    void badInputIsOneLineNamingTheFile() throws Exception {
        Path text = Files.writeString(dir.resolve("words.wav"), "not a sound file, only words\n".repeat(5));
        CliRun run = CliRun.of("features", "mel", text.toString(), "--out", dir.resolve("x.npy").toString());
        assertEquals(1, run.code());
        assertTrue(run.err().startsWith("omnidesk: " + text), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertFalse(Files.exists(dir.resolve("x.npy")));
    }

    @Test
    void benchmarkPrintsBothThreadingsAndTheNumpyComparison() {
        CliRun run = CliRun.of("bench", "mel", "--seconds", "2", "--iterations", "2");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("java, 1 thread"), run.out());
        assertTrue(run.out().matches("(?s).*java, \\d+ threads.*"), run.out());
        Matcher diff = Pattern.compile("max \\|java - numpy\\| over the features: (\\S+) \\(same shape\\)").matcher(run.out());
        if (Files.isExecutable(Path.of("/usr/bin/python3")) && numpyInstalled()) {
            assertTrue(diff.find(), run.out());
            assertTrue(Double.parseDouble(diff.group(1)) < 1e-4, "numpy and Java features agree: " + run.out());
            assertTrue(run.out().contains("ratio numpy/java"), run.out());
        } else {
            assertTrue(run.out().contains("numpy baseline: skipped"), run.out());
        }
    }

    private static boolean numpyInstalled() {
        try {
            return new ProcessBuilder("/usr/bin/python3", "-c", "import numpy").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
