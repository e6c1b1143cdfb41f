// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** Small media files made by the Debian ffmpeg CLI for the tests (never committed). */
public final class TestMedia {

    private TestMedia() {
    }

    /** A mono 16 kHz WAV: {@code seconds} of a 300 Hz tone (speech-loud), then {@code silence} seconds of silence. */
    public static Path tone(Path dir, String name, double seconds, double silence) {
        return ffmpeg(dir.resolve(name), "-f", "lavfi", "-i", "sine=frequency=300:sample_rate=16000:duration=" + seconds,
                "-af", "volume=0.5,apad=pad_dur=" + silence, "-ac", "1", "-ar", "16000");
    }

    /**
     * Speech as a voice detector meets it: quiet pink noise throughout (the room), and a loud
     * 300 Hz tone from {@code lead} for {@code seconds}, then {@code tail} more seconds of noise.
     */
    public static Path speechInNoise(Path dir, String name, double lead, double seconds, double tail) {
        double total = lead + seconds + tail;
        int delayMs = (int) Math.round(lead * 1000);
        return ffmpeg(dir.resolve(name), "-f", "lavfi", "-i", "anoisesrc=d=" + total + ":c=pink:a=0.003:r=16000",
                "-f", "lavfi", "-i", "sine=frequency=300:sample_rate=16000:duration=" + seconds,
                "-filter_complex", "[1]volume=0.5,adelay=" + delayMs + "[s];[0][s]amix=inputs=2:duration=first:normalize=0",
                "-ac", "1", "-ar", "16000");
    }

    /** An MP4 (H.264 + AAC) of a moving test pattern with a tone as its sound. */
    public static Path video(Path dir, String name, double seconds, int width, int height) {
        return ffmpeg(dir.resolve(name), "-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=10:duration=" + seconds,
                "-f", "lavfi", "-i", "sine=frequency=500:sample_rate=16000:duration=" + seconds,
                "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest");
    }

    /** The video's first frame as ffmpeg decodes it, as a PNG beside it. */
    public static Path firstFrame(Path video) {
        return ffmpeg(video.resolveSibling(video.getFileName() + ".first.png"), "-i", video.toString(), "-frames:v", "1");
    }

    /** A PNG of a test pattern. */
    public static Path image(Path dir, String name, int width, int height) {
        return ffmpeg(dir.resolve(name), "-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height, "-frames:v", "1");
    }

    /** A file named like media whose content is noise. */
    public static Path corrupt(Path dir, String name) {
        try {
            byte[] noise = new byte[4096];
            new Random(7).nextBytes(noise);
            return Files.write(dir.resolve(name), noise);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path ffmpeg(Path out, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y"));
        cmd.addAll(List.of(args));
        cmd.add(out.toString());
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ffmpeg timed out");
            assertEquals(0, p.exitValue(), "ffmpeg failed: " + log);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("the tests make media with the ffmpeg CLI (apt-get install ffmpeg): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
