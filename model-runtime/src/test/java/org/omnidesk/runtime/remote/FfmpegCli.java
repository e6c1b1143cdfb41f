// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The Debian ffmpeg/ffprobe CLI as an independent decoder of what the remote engine uploads. */
public final class FfmpegCli {

    private FfmpegCli() {
    }

    public static byte[] run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
        byte[] out = drain(p.getInputStream());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        assertEquals(0, p.exitValue(), () -> String.join(" ", command) + ": " + new String(err.join(), StandardCharsets.UTF_8));
        return out;
    }

    /** ffprobe's streams of a file. */
    public static JsonNode streams(Path file) throws IOException, InterruptedException {
        return new ObjectMapper().readTree(run("ffprobe", "-v", "error", "-count_frames", "-show_streams", "-of", "json",
                file.toString())).path("streams");
    }

    /** The first audio stream as 16-bit little-endian samples, untouched by any resampling. */
    public static short[] pcm16(Path file) throws IOException, InterruptedException {
        ByteBuffer b = ByteBuffer.wrap(run("ffmpeg", "-v", "error", "-i", file.toString(), "-map", "0:a:0", "-f", "s16le",
                "-acodec", "pcm_s16le", "-")).order(ByteOrder.LITTLE_ENDIAN);
        short[] out = new short[b.remaining() / 2];
        b.asShortBuffer().get(out);
        return out;
    }

    /** Every video frame as packed 0xRRGGBB. */
    static List<int[]> rgbFrames(Path file, int width, int height) throws IOException, InterruptedException {
        byte[] raw = run("ffmpeg", "-v", "error", "-i", file.toString(), "-map", "0:v:0", "-f", "rawvideo", "-pix_fmt",
                "rgb24", "-");
        List<int[]> frames = new ArrayList<>();
        int size = width * height * 3;
        for (int at = 0; at + size <= raw.length; at += size) {
            int[] frame = new int[width * height];
            for (int i = 0; i < frame.length; i++) {
                frame[i] = (raw[at + 3 * i] & 0xFF) << 16 | (raw[at + 3 * i + 1] & 0xFF) << 8 | raw[at + 3 * i + 2] & 0xFF;
            }
            frames.add(frame);
        }
        return frames;
    }

    /** Mean absolute difference per channel value between two packed RGB frames. */
    static double meanAbsDiff(int[] a, int[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                sum += Math.abs((a[i] >> shift & 0xFF) - (b[i] >> shift & 0xFF));
            }
        }
        return sum / (3.0 * a.length);
    }

    private static byte[] drain(InputStream in) {
        try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
