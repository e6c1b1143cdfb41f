// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnidesk.capture.io.Npy;

/** {@code omnidesk features vision} and {@code omnidesk bench video} end to end. */
class VisionCommandsTest {

    private static final Path VISION = Path.of(System.getProperty("omnidesk.shared", "../../shared"), "data", "vision");

    @TempDir
    Path dir;

    @Test
    void imageGivesTheReferencePixelValues() throws Exception {
        Path out = dir.resolve("img");
        CliRun run = CliRun.of("features", "vision", VISION.resolve("grad_300x451.png").toString(), "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        Npy.Array ours = Npy.readFloat32(out.resolve("pixel_values.npy"));
        Npy.Array ref = Npy.readFloat32(VISION.resolve("grad_300x451.pixel_values.npy"));
        assertArrayEquals(ref.shape(), ours.shape());
        assertArrayEquals(ref.data(), ours.data());
        JsonNode meta = new ObjectMapper().readTree(out.resolve("meta.json").toFile());
        assertEquals("[1,22,32]", meta.get("grid_thw").toString());
        assertEquals("[308,448]", meta.get("resized_hw").toString());
        assertFalse(meta.get("has_audio").asBoolean());
    }

    @Test
    void videoWritesFramesTimesAndTheGrid() throws Exception {
        Path clip = dir.resolve("clip.mp4");
        ffmpeg("-f", "lavfi", "-i", "testsrc2=s=64x48:r=25:d=2", "-f", "lavfi", "-i", "sine=duration=2",
                "-c:v", "libx264", "-c:a", "aac", "-shortest", clip.toString());
        Path out = dir.resolve("vid");
        CliRun run = CliRun.of("features", "vision", clip.toString(), "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        JsonNode meta = new ObjectMapper().readTree(out.resolve("meta.json").toFile());
        // 50 frames at 25 fps → 4 frames: round(linspace(0, 49, 4)) = 0, 16, 33, 49.
        assertEquals("[0,16,33,49]", meta.get("frame_indices").toString());
        assertEquals(33 / 25.0, meta.get("frame_times_s").get(2).asDouble(), 1e-9);
        assertEquals(2.0, meta.get("sample_fps").asDouble(), 1e-12);
        assertEquals(1.0, meta.get("second_per_grid").asDouble(), 1e-12);
        assertTrue(meta.get("has_audio").asBoolean());
        JsonNode grid = meta.get("grid_thw");
        assertEquals(2, grid.get(0).asInt());
        assertArrayEquals(new int[] {grid.get(0).asInt() * grid.get(1).asInt() * grid.get(2).asInt(), 1176},
                Npy.readFloat32(out.resolve("pixel_values.npy")).shape());

        // Two frames only: the real rate is 1 frame/s, so a grid spans 2 s unless --nominal-fps.
        CliRun real = CliRun.of("features", "vision", clip.toString(), "--out", dir.resolve("real").toString(), "--max-frames", "2");
        assertEquals(0, real.code(), real.err());
        assertEquals(2.0, new ObjectMapper().readTree(dir.resolve("real/meta.json").toFile())
                .get("second_per_grid").asDouble(), 1e-12);
        CliRun nominal = CliRun.of("features", "vision", clip.toString(), "--out", dir.resolve("nominal").toString(),
                "--max-frames", "2", "--nominal-fps");
        assertEquals(0, nominal.code(), nominal.err());
        assertEquals(1.0, new ObjectMapper().readTree(dir.resolve("nominal/meta.json").toFile())
                .get("second_per_grid").asDouble(), 1e-12);
    }

    @Test
    void badInputIsOneLineNamingTheFile() throws Exception {
        Path text = Files.writeString(dir.resolve("holiday.mp4"), "not a video, only words\n".repeat(5));
        CliRun run = CliRun.of("features", "vision", text.toString(), "--out", dir.resolve("x").toString());
        assertEquals(1, run.code());
        assertTrue(run.err().startsWith("omnidesk: " + text), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void benchmarkPrintsBothTimesTheRatioAndPeakRss() {
        CliRun run = CliRun.of("bench", "video", "--seconds", "2");
        assertEquals(0, run.code(), run.err());
        assertTrue(Pattern.compile("ffmpeg -vf fps=2 rgb24: +\\d+\\.\\d+ s, [\\d,]+ bytes").matcher(run.out()).find(),
                run.out());
        assertTrue(run.out().contains("4 frames of 60"), run.out());
        assertTrue(Pattern.compile("ratio omnidesk / ffmpeg: +\\d+\\.\\d+").matcher(run.out()).find(), run.out());
        assertTrue(Pattern.compile("peak RSS (\\d+ MiB|n/a)").matcher(run.out()).find(), run.out());
    }

    private static void ffmpeg(String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("ffmpeg", "-nostdin", "-y", "-v", "error"));
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);
    }
}
