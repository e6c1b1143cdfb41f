// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Makes test media with the Debian {@code ffmpeg} command line (an independent encoder), and asks {@code ffprobe}. */
public final class Ffmpeg {

    private Ffmpeg() {
    }

    /** Runs {@code ffmpeg -y -v error ARGS... OUT} and returns OUT; fails the test on error. */
    public static Path make(Path out, String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(args));
        all.add(out.toString());
        run(all.toArray(String[]::new));
        return out;
    }

    /** Runs {@code ffmpeg -y -v error ARGS...}; fails the test on error. */
    public static void run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-y", "-v", "error"));
        cmd.addAll(List.of(args));
        exec(cmd);
    }

    /** {@code out} from a lavfi source and output options, e.g. ("testsrc2=s=64x48:r=25:d=2", out, "-c:v", "libx264"). */
    public static Path lavfi(String source, Path out, String... outputOptions) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", source));
        args.addAll(List.of(outputOptions));
        return make(out, args.toArray(String[]::new));
    }

    /** A lavfi tone source: {@code amp·sin(2π·hz·t)} in every channel. */
    public static String[] tone(double hz, double amp, int rate, int channels, double seconds) {
        String one = amp + "*sin(2*PI*" + hz + "*t)";
        String expr = channels == 1 ? one : one + "|" + one;
        return new String[] {"-f", "lavfi", "-i", "aevalsrc=" + expr + ":s=" + rate + ":d=" + seconds};
    }

    /** {@code ffprobe} output (CSV, no keys) for the given entries of the first video stream. */
    public static String probeVideo(Path file, String entries) throws IOException, InterruptedException {
        return exec(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", entries,
                "-of", "csv=p=0", file.toString())).strip();
    }

    private static String exec(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), () -> String.join(" ", cmd) + "\n" + log);
        return log;
    }
}
