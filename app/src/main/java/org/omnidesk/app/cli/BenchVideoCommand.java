// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.video.SampledVideo;
import org.omnidesk.capture.video.VideoOptions;
import org.omnidesk.capture.video.VideoSampler;
import org.omnidesk.capture.vision.PatchSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code omnidesk bench video}: sampling + preprocessing a 60 s 1280×720 30 fps H.264 clip into
 * pixel_values, against the Debian ffmpeg decoding the same file to 2 fps RGB
 * ({@code ffmpeg -i clip.mp4 -vf fps=2 -f rawvideo -pix_fmt rgb24 -}) in the same run.
 */
@Command(name = "video", mixinStandardHelpOptions = true,
        description = {"Video sampling + preprocessing vs `ffmpeg -vf fps=2 -pix_fmt rgb24` on the same clip.",
            "--hour: a 1-hour 1080p file instead (memory check; run with OMNIDESK_JAVA_OPTS=-Xmx1g)."})
final class BenchVideoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--clip", paramLabel = "FILE", description = "benchmark this video instead of making one")
    Path clip;

    @Option(names = "--seconds", defaultValue = "60", description = "length of the generated clip (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--hour", description = "1 hour of 1920x1080 30 fps (1 s keyframe interval); ours only")
    boolean hour;

    @Override
    public Integer call() throws IOException, InterruptedException, MediaException {
        PrintWriter out = spec.commandLine().getOut();
        Path work = Files.createTempDirectory("omnidesk-bench-video");
        try {
            Path video = clip != null ? clip : hour ? makeHour(work) : makeClip(work);
            out.println("clip: " + video + " (" + Files.size(video) / (1 << 20) + " MiB)");
            if (hour) {
                Run ours = ours(video);
                out.printf("omnidesk sample+preprocess: %.2f s, %s%n", ours.seconds, ours.detail);
            } else {
                ffmpeg(video); // warm the page cache and both code paths once
                Run cold = ours(video);
                Run baseline = ffmpeg(video);
                Run warm = ours(video);
                out.printf("ffmpeg -vf fps=2 rgb24:      %.2f s, %s%n", baseline.seconds, baseline.detail);
                out.printf("omnidesk sample+preprocess: %.2f s (first run %.2f s), %s%n", warm.seconds, cold.seconds,
                        warm.detail);
                out.printf("ratio omnidesk / ffmpeg:    %.2f%n", warm.seconds / baseline.seconds);
            }
            out.printf("peak RSS %s, peak heap %d MiB (max heap %d MiB)%n", peakRss(), peakHeapMiB(),
                    Runtime.getRuntime().maxMemory() >> 20);
            return 0;
        } finally {
            deleteTree(work);
        }
    }

    private record Run(double seconds, String detail) {
    }

    private static Run ours(Path video) throws IOException, MediaException {
        Checksum sink = new Checksum();
        ExecutorService worker = Workers.single("video-preprocess");
        long t0 = System.nanoTime();
        SampledVideo v;
        try {
            v = VideoSampler.sample(video, VideoOptions.defaults(), sink, p -> { }, worker);
        } finally {
            worker.shutdown();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        return new Run(s, String.format("%d frames of %d -> grid %dx%dx%d (%,d values, checksum %.6g)",
                v.frameIndices().length, v.totalFrames(), v.gridT(), v.gridH(), v.gridW(), sink.values, sink.sum));
    }

    private static Run ffmpeg(Path video) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-i",
                video.toString(), "-vf", "fps=2", "-f", "rawvideo", "-pix_fmt", "rgb24", "-")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long bytes = 0;
        byte[] buf = new byte[1 << 20];
        try (InputStream in = p.getInputStream()) {
            for (int n; (n = in.read(buf)) > 0; ) {
                bytes += n;
            }
        }
        if (p.waitFor() != 0) {
            throw new IOException("ffmpeg failed on " + video);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        return new Run(s, String.format("%,d bytes of RGB", bytes));
    }

    private Path makeClip(Path work) throws IOException, InterruptedException {
        Path out = work.resolve("clip.mp4");
        run(List.of("-f", "lavfi", "-i", "testsrc2=s=1280x720:r=30:d=" + seconds, "-c:v", "libx264", "-preset", "veryfast",
                "-pix_fmt", "yuv420p", out.toString()));
        return out;
    }

    /** 10 s of 1080p encoded once, then repeated 360 times without re-encoding. */
    private static Path makeHour(Path work) throws IOException, InterruptedException {
        Path piece = work.resolve("piece.mp4");
        run(List.of("-f", "lavfi", "-i", "testsrc2=s=1920x1080:r=30:d=10", "-c:v", "libx264", "-preset", "veryfast",
                "-g", "30", "-pix_fmt", "yuv420p", piece.toString()));
        Path out = work.resolve("hour.mp4");
        run(List.of("-stream_loop", "359", "-i", piece.toString(), "-c", "copy", out.toString()));
        return out;
    }

    private static void run(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-y", "-loglevel", "error"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("ffmpeg could not make the benchmark clip: " + log.strip());
        }
    }

    /** Linux VmHWM of this process. */
    private static String peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kib = Long.parseLong(line.replaceAll("\\D", ""));
                    return (kib >> 10) + " MiB";
                }
            }
        } catch (IOException | NumberFormatException e) {
            return "n/a";
        }
        return "n/a";
    }

    private static long peakHeapMiB() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Consumes pixel_values without keeping them: sums them so the work cannot be skipped. */
    private static final class Checksum implements PatchSink {
        double sum;
        long values;

        @Override
        public void begin(int gridT, int gridH, int gridW) {
            sum = 0;
        }

        @Override
        public void grid(int t, float[] rows) {
            double s = 0;
            for (float v : rows) {
                s += v;
            }
            sum += s;
            values += rows.length;
        }
    }
}
