// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Makes test media with the Debian {@code ffmpeg} command line (an independent encoder). */
public final class Ffmpeg {

    private Ffmpeg() {
    }

    /** Runs {@code ffmpeg -y -v error ARGS... OUT} and returns OUT; fails the test on error. */
    public static Path make(Path out, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-y", "-v", "error"));
        cmd.addAll(List.of(args));
        cmd.add(out.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), "ffmpeg " + String.join(" ", cmd) + "\n" + log);
        return out;
    }

    /** A lavfi tone source: {@code amp·sin(2π·hz·t)} in every channel. */
    public static String[] tone(double hz, double amp, int rate, int channels, double seconds) {
        String one = amp + "*sin(2*PI*" + hz + "*t)";
        String expr = channels == 1 ? one : one + "|" + one;
        return new String[] {"-f", "lavfi", "-i", "aevalsrc=" + expr + ":s=" + rate + ":d=" + seconds};
    }
}
