// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.api.MediaException.Kind;
import org.omnidesk.capture.testing.Barcode;
import org.omnidesk.capture.testing.Ffmpeg;
import org.omnidesk.capture.testing.PixelValues;
import org.omnidesk.capture.vision.PatchArray;
import org.omnidesk.capture.vision.PilBicubic;
import org.omnidesk.capture.vision.RgbImage;
import org.omnidesk.capture.vision.Size;
import org.omnidesk.capture.vision.SmartResize;

class VideoSamplerTest {

    @TempDir
    Path dir;

    /** 3 s at a constant rate: 6 frames (2 fps), indices per float32 linspace, times = index / fps. */
    @ParameterizedTest
    @CsvSource({
        "24, '0,14,28,43,57,71'",
        "25, '0,15,30,44,59,74'",
        "30, '0,18,36,53,71,89'",
        "60, '0,36,72,107,143,179'"})
    void constantFrameRates(int fps, String expectedIndices) throws Exception {
        Path video = Barcode.video(dir.resolve("cfr" + fps + ".mp4"), fps, 3, "");
        int[] expected = Arrays.stream(expectedIndices.split(",")).mapToInt(Integer::parseInt).toArray();
        List<Double> progress = new ArrayList<>();
        PatchArray patches = new PatchArray();

        SampledVideo v = VideoSampler.sample(video, VideoOptions.defaults(), patches, progress::add);

        assertEquals(3 * fps, v.totalFrames());
        assertEquals(fps, v.videoFps(), 1e-9);
        assertArrayEquals(expected, v.frameIndices());
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k] / (double) fps, v.frameTimesSeconds()[k], 1e-6, "time of frame " + expected[k]);
        }
        assertEquals(2.0, v.sampleFps(), 1e-12);
        assertEquals(1.0, v.secondPerGrid(), 1e-12);
        // 48x64-ish frames are raised to the 128·28·28 minimum: the grid follows smart_resize.
        Size resized = SmartResize.resize(Barcode.HEIGHT, Barcode.WIDTH, 28, VideoOptions.MIN_PIXELS,
                VideoOptions.MAX_PIXELS);
        assertEquals(resized, v.resized());
        assertArrayEquals(new int[] {3, resized.height() / 14, resized.width() / 14},
                new int[] {v.gridT(), v.gridH(), v.gridW()});
        assertArrayEquals(expected, framesShown(patches, v), "the pixels are the sampled frames");
        assertFalse(v.hasAudio());
        assertEquals(1.0, progress.get(progress.size() - 1), 1e-12);
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) >= progress.get(i - 1), "progress never goes back");
        }
    }

    @Test
    void preprocessingOnAWorkerThreadGivesTheSameValuesInOrder() throws Exception {
        Path video = Barcode.video(dir.resolve("worker.mp4"), 30, 5, "");
        PatchArray inline = new PatchArray();
        SampledVideo a = VideoSampler.sample(video, VideoOptions.defaults(), inline, p -> { });
        PatchArray threaded = new PatchArray();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        SampledVideo b;
        try {
            b = VideoSampler.sample(video, VideoOptions.defaults(), threaded, p -> { }, worker);
        } finally {
            worker.shutdown();
        }
        assertArrayEquals(a.frameIndices(), b.frameIndices());
        assertArrayEquals(a.frameIndices(), framesShown(threaded, b));
        assertArrayEquals(inline.values(), threaded.values());
    }

    @Test
    void variableFrameRateUsesRealTimestamps() throws Exception {
        // 60 frames at 30 fps, then every third frame (10 fps) for two more seconds: 80 frames.
        Path video = Barcode.video(dir.resolve("vfr.mp4"), 30, 4, "select='lt(n,60)+not(mod(n,3))'",
                "-fps_mode", "vfr");
        String[] rate = Ffmpeg.probeVideo(video, "stream=avg_frame_rate").split("/");
        double avgFps = Double.parseDouble(rate[0]) / Double.parseDouble(rate[1]);
        PatchArray patches = new PatchArray();

        SampledVideo v = VideoSampler.sample(video, VideoOptions.defaults(), patches, p -> { });

        assertEquals(80, v.totalFrames());
        assertEquals(avgFps, v.videoFps(), 1e-9);
        int n = FrameSampling.nframes(80, avgFps, VideoOptions.defaults());
        assertArrayEquals(FrameSampling.indices(80, n), v.frameIndices());
        int[] shown = framesShown(patches, v);
        for (int k = 0; k < n; k++) {
            int i = v.frameIndices()[k];
            int source = i < 60 ? i : 60 + 3 * (i - 60); // the generator's frame number
            assertEquals(source, shown[k], "pixels of sampled frame " + i);
            assertEquals(source / 30.0, v.frameTimesSeconds()[k], 1e-6, "real time of frame " + i);
        }
        assertEquals(n / 80.0 * avgFps, v.sampleFps(), 1e-12);
        assertEquals(2 / v.sampleFps(), v.secondPerGrid(), 1e-12);
        SampledVideo nominal = VideoSampler.sample(video, VideoOptions.defaults().withNominalFps(true),
                new PatchArray(), p -> { });
        assertEquals(1.0, nominal.secondPerGrid(), 0.0);
    }

    @Test
    void oneFrameVideoIsPairedWithItself() throws Exception {
        Path video = Barcode.video(dir.resolve("one.mp4"), 25, 1, "", "-frames:v", "1");
        PatchArray patches = new PatchArray();

        SampledVideo v = VideoSampler.sample(video, VideoOptions.defaults(), patches, p -> { });

        assertEquals(1, v.totalFrames());
        assertArrayEquals(new int[] {0}, v.frameIndices());
        assertArrayEquals(new double[] {0.0}, v.frameTimesSeconds());
        assertEquals(1, v.gridT());
        float[] values = patches.values();
        for (int row = 0; row < v.gridH() * v.gridW(); row++) {
            for (int c = 0; c < 3; c++) {
                int base = row * 1176 + c * 392;
                assertArrayEquals(Arrays.copyOfRange(values, base, base + 196),
                        Arrays.copyOfRange(values, base + 196, base + 392), "both temporal halves are the frame");
            }
        }
    }

    @Test
    void soundTrackIsReportedWithTheSpanToDecode() throws Exception {
        Path withSound = Ffmpeg.lavfi("testsrc2=s=64x48:r=25:d=2", dir.resolve("av.mp4"), "-f", "lavfi", "-i",
                "sine=frequency=440:duration=2", "-c:v", "libx264", "-c:a", "aac", "-shortest");
        SampledVideo v = VideoSampler.sample(withSound, VideoOptions.defaults(), new PatchArray(), p -> { });
        assertTrue(v.hasAudio());
        v.requireAudio();
        assertEquals(0.0, v.startSeconds(), 1e-9);
        assertEquals(2.0, v.endSeconds(), 1e-9);

        Path silent = Barcode.video(dir.resolve("silent.mp4"), 25, 1, "");
        SampledVideo s = VideoSampler.sample(silent, VideoOptions.defaults(), new PatchArray(), p -> { });
        MediaException e = assertThrows(MediaException.class, s::requireAudio);
        assertEquals(Kind.NO_AUDIO_TRACK, e.kind());
        assertTrue(e.getMessage().contains(silent.toString()) && e.getMessage().contains("no sound track"));
    }

    @Test
    void phoneVideoWithADisplayMatrixIsSampledUpright() throws Exception {
        // Stored landscape 80x48 with a red block top-left, plus a display matrix that turns it a quarter
        // (Debian's ffmpeg 5.1 writes rotate=90 as ffprobe "rotation=90": counter-clockwise).
        Path stored = Ffmpeg.lavfi("color=c=gray:s=80x48:r=10:d=1", dir.resolve("stored.mp4"), "-vf",
                "drawbox=x=0:y=0:w=20:h=12:color=red:t=fill", "-c:v", "libx264", "-pix_fmt", "yuv420p");
        Path phone = dir.resolve("phone.mp4");
        Ffmpeg.run("-i", stored.toString(), "-c", "copy", "-metadata:s:v:0", "rotate=90", phone.toString());
        // The Debian ffmpeg's own autorotated decode of the same frame is the reference.
        Path upright = dir.resolve("upright.rgb");
        Ffmpeg.run("-i", phone.toString(), "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", upright.toString());
        RgbImage reference = new RgbImage(48, 80, Files.readAllBytes(upright));
        PatchArray patches = new PatchArray();

        SampledVideo v = VideoSampler.sample(phone, VideoOptions.defaults(), patches, p -> { });

        assertEquals(new Size(80, 48), v.source(), "portrait as displayed");
        assertEquals(SmartResize.resize(80, 48, 28, VideoOptions.MIN_PIXELS, VideoOptions.MAX_PIXELS), v.resized());
        assertTrue(v.gridH() > v.gridW());
        RgbImage expected = PilBicubic.resize(reference, v.resized().width(), v.resized().height());
        double sum = 0;
        int w = v.resized().width();
        int h = v.resized().height();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double got = PixelValues.level(patches.values(), v.gridH(), v.gridW(), 0, 0, 0, x, y);
                sum += Math.abs(got - (expected.rgb()[(y * w + x) * 3] & 0xFF));
            }
        }
        assertTrue(sum / (w * h) < 2.0, "mean |diff| to ffmpeg's autorotated frame: " + sum / (w * h));
        // Red block (green ≈ 0): bottom-left after the counter-clockwise turn, as in ffmpeg's own decode.
        assertTrue((reference.rgb()[(75 * 48 + 5) * 3 + 1] & 0xFF) < 40, "reference: red bottom-left");
        assertTrue(PixelValues.level(patches.values(), v.gridH(), v.gridW(), 0, 0, 1, 10, h - 10) < 80);
        assertTrue(PixelValues.level(patches.values(), v.gridH(), v.gridW(), 0, 0, 1, 10, 10) > 100);
    }

    /** Two joined MPEG-TS pieces: the size changes midway, and a seek lands past the keyframe (retried earlier). */
    @Test
    void aResolutionChangeMidStreamIsResizedToTheSameGrid() throws Exception {
        Path small = Ffmpeg.lavfi("testsrc2=s=64x48:r=25:d=1", dir.resolve("a.ts"), "-c:v", "libx264");
        Path wide = Ffmpeg.lavfi("testsrc2=s=96x48:r=25:d=1", dir.resolve("b.ts"), "-c:v", "libx264");
        Path list = Files.writeString(dir.resolve("list.txt"), "file '" + small + "'\nfile '" + wide + "'\n");
        Path joined = Ffmpeg.make(dir.resolve("joined.ts"), "-f", "concat", "-safe", "0", "-i", list.toString(),
                "-c", "copy");
        PatchArray patches = new PatchArray();

        SampledVideo v = VideoSampler.sample(joined, VideoOptions.defaults(), patches, p -> { });

        assertEquals(50, v.totalFrames());
        assertEquals(4, v.frameIndices().length);
        assertEquals(SmartResize.resize(48, 64, 28, VideoOptions.MIN_PIXELS, VideoOptions.MAX_PIXELS), v.resized());
        assertEquals(v.gridT() * v.gridH() * v.gridW() * 1176, patches.values().length);
    }

    @Test
    void badFilesGiveTypedErrorsNamingThePath() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.mp4"));
        Path text = Files.writeString(dir.resolve("notes.mp4"), "Meeting notes\nnot a video at all\n".repeat(20));
        Path good = Barcode.video(dir.resolve("good.mp4"), 25, 2, "");
        byte[] whole = Files.readAllBytes(good);
        Path truncated = Files.write(dir.resolve("truncated.mp4"), Arrays.copyOf(whole, whole.length / 2));
        Path audioOnly = Ffmpeg.lavfi("sine=frequency=440:duration=1", dir.resolve("tone.m4a"), "-c:a", "aac");

        assertKind(Kind.EMPTY_FILE, empty);
        assertKind(Kind.NOT_MEDIA, text);
        assertKind(Kind.CORRUPT, truncated);
        assertKind(Kind.NO_VIDEO_TRACK, audioOnly);
        assertKind(Kind.NOT_FOUND, dir.resolve("missing.mp4"));
    }

    private static void assertKind(Kind kind, Path file) {
        MediaException e = assertThrows(MediaException.class,
                () -> VideoSampler.sample(file, VideoOptions.defaults(), new PatchArray(), p -> { }));
        assertEquals(kind, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line");
    }

    /** The bar-coded frame number of every sampled frame, read back from pixel_values. */
    static int[] framesShown(PatchArray patches, SampledVideo v) {
        int n = v.frameIndices().length;
        int[] shown = new int[n];
        for (int k = 0; k < n; k++) {
            int t = k / 2;
            int tp = k % 2;
            shown[k] = Barcode.read((x, y) -> PixelValues.level(patches.values(), v.gridH(), v.gridW(), t, tp, 0, x, y),
                    v.resized().width(), v.resized().height());
        }
        return shown;
    }
}
