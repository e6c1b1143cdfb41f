// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.omnidesk.capture.api.AudioChunk;
import org.omnidesk.capture.api.VadEvent;
import org.omnidesk.capture.testing.SharedData;

/** The VAD on signals with known speech times: synthetic voiced bursts in noise, and jfk between noise. */
class VoiceActivityDetectorTest {

    private static final int RATE = 16_000;

    /** [on, off] seconds of the synthetic bursts: 0.3–1.5 s long, gaps of 0.6 s or more. */
    private static final double[][] BURSTS = {{0.8, 1.6}, {2.3, 2.6}, {3.4, 4.9}, {5.6, 6.1}, {7.0, 8.2}};

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void voicedBurstsInWhiteNoiseAt10DbSnr(long seed) {
        Random random = new Random(seed);
        float[] x = new float[9 * RATE];
        double burstRms = 0.1;
        double noiseRms = burstRms / Math.sqrt(10); // 10 dB SNR
        for (double[] b : BURSTS) {
            addVoiced(x, b[0], b[1], 120 + 100 * random.nextDouble(), burstRms, random);
        }
        for (int i = 0; i < x.length; i++) {
            x[i] += (float) (noiseRms * random.nextGaussian());
        }
        List<double[]> segments = segments(run(x, 320));
        assertEquals(BURSTS.length, segments.size(), "one segment per burst, no extras: " + show(segments));
        double worstStart = 0;
        double worstEnd = 0;
        for (int i = 0; i < BURSTS.length; i++) {
            double start = segments.get(i)[0];
            double end = segments.get(i)[1];
            worstStart = Math.max(worstStart, Math.abs(start - BURSTS[i][0]));
            worstEnd = Math.max(worstEnd, Math.abs(end - BURSTS[i][1]));
            assertTrue(Math.abs(start - BURSTS[i][0]) <= 0.150, "burst " + i + " start " + start + " vs " + BURSTS[i][0]);
            assertTrue(Math.abs(end - BURSTS[i][1]) <= 0.300, "burst " + i + " end " + end + " vs " + BURSTS[i][1]);
        }
        System.out.printf(Locale.ROOT, "VAD bursts at 10 dB SNR, seed %d: worst start error %.0f ms, worst end error %.0f ms%n",
                seed, 1000 * worstStart, 1000 * worstEnd);
    }

    @Test
    void jfkBetweenNoiseIsCoveredAndStartsWithItsFirstWord() throws IOException {
        float[] jfk = SharedData.f32("mel/jfk.f32");
        // Noise at the level of jfk's own room tone (its first 0.25 s), 1 s before and after.
        double roomRms = Math.sqrt(meanSquare(jfk, 0, 4_000));
        Random random = new Random(11);
        float[] x = new float[RATE + jfk.length + RATE];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (roomRms * random.nextGaussian());
        }
        System.arraycopy(jfk, 0, x, RATE, jfk.length);
        // Speech truth from the clip itself: 10 ms frames within 20 dB of its loudest frame.
        double peak = 0;
        for (int f = 0; f + 160 <= jfk.length; f += 160) {
            peak = Math.max(peak, meanSquare(jfk, f, f + 160));
        }
        List<Double> speech = new ArrayList<>();
        for (int f = 0; f + 160 <= jfk.length; f += 160) {
            if (meanSquare(jfk, f, f + 160) >= peak / 100) {
                speech.add(1.0 + (f + 80) / (double) RATE);
            }
        }
        List<double[]> segments = segments(run(x, 1_600));
        System.out.printf(Locale.ROOT, "VAD on 1 s noise + jfk + 1 s noise: speech from %.3f s; segments %s%n",
                speech.get(0), show(segments));
        for (double t : speech) {
            assertTrue(segments.stream().anyMatch(s -> s[0] <= t && t <= s[1]), "speech at " + t + " s not covered");
        }
        assertTrue(Math.abs(segments.get(0)[0] - speech.get(0)) <= 0.150, "first start " + segments.get(0)[0]
                + " s vs first word at " + speech.get(0) + " s");
        assertTrue(segments.get(0)[0] >= 1.0, "nothing detected in the leading noise");
    }

    @Test
    void steadyNoiseAndSilenceStayQuiet() {
        Random random = new Random(5);
        float[] noise = new float[5 * RATE];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (0.05 * random.nextGaussian());
        }
        assertEquals(List.of(), run(noise, 320));
        assertEquals(List.of(), run(new float[3 * RATE], 320));
    }

    @Test
    void eventsCarryTheCaptureClockOfTheirChunks() {
        float[] x = new float[3 * RATE];
        Random random = new Random(9);
        addVoiced(x, 1.0, 2.0, 150, 0.1, random);
        for (int i = 0; i < x.length; i++) {
            x[i] += (float) (0.005 * random.nextGaussian());
        }
        List<VadEvent> events = new ArrayList<>();
        VoiceActivityDetector vad = new VoiceActivityDetector(VoiceActivityDetector.Settings.DEFAULT, events::add);
        long base = 5_000_000_000L;
        for (int pos = 0; pos < x.length; pos += 320) {
            vad.accept(new AudioChunk(Arrays.copyOfRange(x, pos, pos + 320), RATE, base + pos * 62_500L));
        }
        vad.finish();
        assertEquals(2, events.size());
        for (VadEvent e : events) {
            assertEquals(base + e.streamNanos(), e.captureNanos());
        }
        VadEvent.SpeechEnded end = (VadEvent.SpeechEnded) events.get(1);
        assertEquals(events.get(0).streamNanos(), end.startStreamNanos());
        assertEquals(1.0, end.durationNanos() / 1e9, 0.1);
    }

    /** A voiced sound: harmonics of f0 up to 4 kHz with 1/k amplitudes, scaled to {@code rms}. */
    private static void addVoiced(float[] x, double on, double off, double f0, double rms, Random random) {
        int from = (int) (on * RATE);
        int to = (int) (off * RATE);
        double[] y = new double[to - from];
        for (int k = 1; k * f0 < 4_000; k++) {
            double phase = 2 * Math.PI * random.nextDouble();
            for (int i = 0; i < y.length; i++) {
                y[i] += Math.sin(2 * Math.PI * k * f0 * i / RATE + phase) / k;
            }
        }
        double ms = 0;
        for (double v : y) {
            ms += v * v;
        }
        double gain = rms / Math.sqrt(ms / y.length);
        for (int i = 0; i < y.length; i++) {
            x[from + i] += (float) (gain * y[i]);
        }
    }

    private static List<VadEvent> run(float[] x, int chunk) {
        List<VadEvent> events = new ArrayList<>();
        VoiceActivityDetector vad = new VoiceActivityDetector(VoiceActivityDetector.Settings.DEFAULT, events::add);
        for (int pos = 0; pos < x.length; pos += chunk) {
            vad.accept(x, pos, Math.min(chunk, x.length - pos));
        }
        vad.finish();
        return events;
    }

    /** Pairs the events into [start, end] seconds, checking they alternate. */
    private static List<double[]> segments(List<VadEvent> events) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i += 2) {
            assertTrue(events.get(i) instanceof VadEvent.SpeechStarted, "events alternate: " + events);
            assertTrue(events.get(i + 1) instanceof VadEvent.SpeechEnded, "events alternate: " + events);
            out.add(new double[] {events.get(i).streamNanos() / 1e9, events.get(i + 1).streamNanos() / 1e9});
        }
        return out;
    }

    private static String show(List<double[]> segments) {
        StringBuilder sb = new StringBuilder();
        for (double[] s : segments) {
            sb.append(String.format(Locale.ROOT, "[%.2f–%.2f] ", s[0], s[1]));
        }
        return sb.toString().strip();
    }

    private static double meanSquare(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += x[i] * x[i];
        }
        return sum / (to - from);
    }
}
