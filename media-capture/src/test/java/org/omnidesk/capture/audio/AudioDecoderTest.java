// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.dsp.LogMel;
import org.omnidesk.capture.dsp.MelSpectrogram;
import org.omnidesk.capture.io.Npy;
import org.omnidesk.capture.testing.Ffmpeg;
import org.omnidesk.capture.testing.SharedData;

/** Decoding media that the ffmpeg command line encodes: lengths, levels, the tone's mel bin, ranges. */
class AudioDecoderTest {

    private static final double SECONDS = 1.5;
    private static final double AMPLITUDE = 0.5;

    @TempDir
    static Path dir;

    /** The mel bin whose reference filter responds most to 1 kHz (FFT bin 25 at 40 Hz per bin). */
    private static int toneBin;

    @BeforeAll
    static void referenceToneBin() throws IOException {
        float[] w = Npy.readFloat32(SharedData.path("mel/mel_filters_hf_128.npy")).data();
        for (int m = 1; m < 128; m++) {
            if (w[m * 201 + 25] > w[toneBin * 201 + 25]) {
                toneBin = m;
            }
        }
    }

    static Stream<Arguments> media() {
        List<Arguments> cases = new ArrayList<>();
        String[][] formats = {
            {"wav", "-c:a", "pcm_s16le"},
            {"flac", "-c:a", "flac"},
            {"mp3", "-c:a", "libmp3lame", "-b:a", "64k"},
            {"mp4", "-c:a", "aac", "-b:a", "64k"},
            {"webm", "-c:a", "libopus", "-b:a", "48k"},
        };
        for (String[] format : formats) {
            for (int rate : new int[] {8_000, 22_050, 44_100, 48_000}) {
                for (int channels : new int[] {1, 2}) {
                    cases.add(Arguments.of(format, rate, channels));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} Hz {2} ch")
    @MethodSource("media")
    void decodesATone(String[] format, int rate, int channels) throws Exception {
        List<String> args = new ArrayList<>(List.of(Ffmpeg.tone(1000, AMPLITUDE, rate, channels, SECONDS)));
        args.addAll(List.of(format).subList(1, format.length));
        Path file = Ffmpeg.make(dir.resolve("tone_" + rate + "_" + channels + "." + format[0]), args.toArray(String[]::new));

        float[] pcm = AudioDecoder.decode(file);

        double seconds = pcm.length / 16_000.0;
        assertEquals(SECONDS, seconds, 0.010, "duration within one 10 ms frame");
        // Channels are averaged (librosa's to_mono): a tone in both channels keeps its level.
        double rms = rms(pcm, pcm.length / 4, 3 * pcm.length / 4);
        assertEquals(AMPLITUDE / Math.sqrt(2), rms, 0.05 * AMPLITUDE, "tone level");
        MelSpectrogram mel = LogMel.compute(pcm);
        int mid = mel.frames() / 2;
        int peak = 0;
        for (int m = 1; m < 128; m++) {
            if (mel.at(m, mid) > mel.at(peak, mid)) {
                peak = m;
            }
        }
        assertEquals(toneBin, peak, "the 1 kHz tone peaks in its mel bin");
    }

    @Test
    void rangesCutAtSampleIndicesWithAndWithoutSeeking() throws Exception {
        // A 40 s sweep at 44.1 kHz: 1.25–2 s is decoded from the start and skipped, 32–33 s seeks first.
        Path file = Ffmpeg.make(dir.resolve("sweep.flac"), "-f", "lavfi", "-i",
                "aevalsrc=0.4*sin(2*PI*(200+20*t)*t):s=44100:d=40", "-c:a", "flac");
        float[] all = AudioDecoder.decode(file);
        assertEquals(40.0, all.length / 16_000.0, 0.010);
        assertEquals(0.0, sweepLag(all, 0), 0.0, "the full decode is on the sweep's own time axis");
        for (double[] r : new double[][] {{1.25, 2.0}, {32.0, 33.0}}) {
            float[] part = AudioDecoder.decode(file, new AudioDecoder.Range(r[0], r[1]), Integer.MAX_VALUE);
            int from = (int) (r[0] * 16_000);
            assertEquals((int) (r[1] * 16_000) - from, part.length, "samples in " + r[0] + "–" + r[1] + " s");
            // Seeking places the first frame on the 16 kHz grid by its timestamp: within half a sample.
            assertTrue(Math.abs(sweepLag(part, from)) <= 0.5, "aligned at " + r[0] + " s: " + sweepLag(part, from));
        }
        float[] head = AudioDecoder.decode(file, new AudioDecoder.Range(1.25, 2.0), Integer.MAX_VALUE);
        assertArrayEquals(Arrays.copyOfRange(all, 20_000, 32_000), head, "without a seek the samples are the full decode's");
        assertEquals(1_000, AudioDecoder.decode(file, AudioDecoder.Range.ALL, 1_000).length, "maxSamples");
    }

    @Test
    void streamingDeliversTheSameSamples() throws Exception {
        Path file = Ffmpeg.make(dir.resolve("stream.mp3"), Ffmpeg.tone(440, 0.3, 44_100, 2, 3.0));
        float[] all = AudioDecoder.decode(file);
        float[] streamed = new float[all.length];
        int[] pos = {0};
        long n = AudioDecoder.stream(file, AudioDecoder.Range.ALL, (pcm, off, len) -> {
            System.arraycopy(pcm, off, streamed, pos[0], len);
            pos[0] += len;
        });
        assertEquals(all.length, n);
        assertArrayEquals(all, streamed);
    }

    static double rms(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += x[i] * x[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    /**
     * The shift (in 16 kHz samples, quarter-sample steps) at which {@code x}, taken to start at
     * sample {@code from}, best fits the analytic sweep 0.4·sin(2π(200 + 20t)t); asserts the fit.
     */
    private static double sweepLag(float[] x, int from) {
        double bestLag = 0;
        double best = Double.MAX_VALUE;
        for (double lag = -4; lag <= 4; lag += 0.25) {
            double err = 0;
            int count = 0;
            for (int i = 400; i < Math.min(x.length - 400, 200_000); i += 7) {
                double t = (from + i + lag) / 16_000.0;
                double d = x[i] - 0.4 * Math.sin(2 * Math.PI * (200 + 20 * t) * t);
                err += d * d;
                count++;
            }
            if (err / count < best) {
                best = err / count;
                bestLag = lag;
            }
        }
        assertTrue(Math.sqrt(best) < 0.01, "decoded sweep deviates by rms " + Math.sqrt(best));
        return bestLag;
    }
}
