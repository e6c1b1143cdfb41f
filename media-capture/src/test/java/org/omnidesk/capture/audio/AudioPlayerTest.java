// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.omnidesk.capture.api.AudioChunk;
import org.omnidesk.capture.api.MediaException;

/**
 * The player against a recording sink that consumes at 24 kHz behind a 40 ms buffer, as a
 * sound card line does (no speaker on CI): fades, stop latency, queue bound, idling.
 */
class AudioPlayerTest {

    private static final int RATE = 24_000;
    private static final int FADE = AudioPlayer.Settings.DEFAULT.fadeSamples();
    private static final float AMP = 0.5f;
    /** Largest step between neighbouring samples of the test tone: anything larger is a click. */
    private static final float TONE_STEP = (float) (AMP * 2 * Math.PI * 1000 / RATE);

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-playback"));
    private final RecordingOutput speaker = new RecordingOutput(true, JavaSoundOutput.DEFAULT_BUFFER_MILLIS);

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    @Test
    void firstChunkFadesInThenPlaysUnchanged() throws Exception {
        float[] tone = tone(0, 2_400);
        try (AudioPlayer player = started(AudioPlayer.Settings.DEFAULT)) {
            assertTrue(player.offer(new AudioChunk(tone, RATE, 0), Duration.ofSeconds(1)));
            assertTrue(player.awaitIdle(Duration.ofSeconds(2)));
            assertFalse(player.playing());
        }
        float[] played = speaker.samples();
        assertEquals(tone.length, played.length);
        for (int i = 0; i < FADE; i++) {
            assertEquals(tone[i] * (i + 1) / FADE, played[i], 1e-6, "fade-in at " + i);
        }
        assertArrayEquals(Arrays.copyOfRange(tone, FADE, tone.length), Arrays.copyOfRange(played, FADE, played.length));
    }

    @Test
    void stopFadesOutWithin50MillisecondsAndDropsTheQueue() throws Exception {
        try (AudioPlayer player = started(AudioPlayer.Settings.DEFAULT)) {
            for (int i = 0; i < 20; i++) { // 2 s of speech in 100 ms chunks
                assertTrue(player.offer(new AudioChunk(tone(i * 2_400, 2_400), RATE, 0), Duration.ofSeconds(1)));
            }
            while (speaker.sampleCount() < 7_200) {
                Thread.sleep(5);
            }
            int atStop = speaker.sampleCount();
            long t0 = System.nanoTime();
            player.stop();
            long stopNanos = System.nanoTime() - t0;
            int afterStop = speaker.sampleCount() - atStop;
            Thread.sleep(100);
            assertTrue(stopNanos < 50_000_000L, "stop took " + stopNanos / 1e6 + " ms");
            assertFalse(player.playing());
            assertEquals(atStop + afterStop, speaker.sampleCount(), "nothing plays after stop returned");
            int limit = AudioPlayer.Settings.DEFAULT.writeSamples() + FADE;
            assertTrue(afterStop <= limit, afterStop + " samples written after stop, limit " + limit);
            System.out.printf("AudioPlayer stop: returned after %.1f ms, %d samples (%.1f ms) written after the call%n",
                    stopNanos / 1e6, afterStop, afterStop * 1000.0 / RATE);
        }
        float[] played = speaker.samples();
        assertEquals(0f, played[played.length - 1], 1e-3f, "the fade ends at silence");
        assertNoClicks(played);
    }

    @Test
    void playbackResumesWithAFadeInAfterAStop() throws Exception {
        try (AudioPlayer player = started(AudioPlayer.Settings.DEFAULT)) {
            player.offer(new AudioChunk(tone(0, 4_800), RATE, 0), Duration.ofSeconds(1));
            Thread.sleep(60);
            player.stop();
            int before = speaker.sampleCount();
            float[] again = tone(300, 2_400);
            player.offer(new AudioChunk(again, RATE, 0), Duration.ofSeconds(1));
            assertTrue(player.awaitIdle(Duration.ofSeconds(2)));
            float[] played = speaker.samples();
            assertEquals(before + again.length, played.length);
            for (int i = 0; i < FADE; i++) {
                assertEquals(again[i] * (i + 1) / FADE, played[before + i], 1e-6, "fade-in after stop at " + i);
            }
            assertNoClicks(played);
        }
    }

    @Test
    void theQueueIsBounded() throws Exception {
        try (AudioPlayer player = started(new AudioPlayer.Settings(4, FADE, 120))) {
            AudioChunk second = new AudioChunk(tone(0, RATE), RATE, 0);
            for (int i = 0; i < 5; i++) { // one playing, four waiting
                assertTrue(player.offer(second, Duration.ofMillis(500)), "chunk " + i);
            }
            assertFalse(player.offer(second, Duration.ofMillis(50)), "a full queue refuses");
            player.stop();
        }
    }

    @Test
    void refusesOtherRatesAndMissingDevicesAreTyped() {
        try (AudioPlayer player = new AudioPlayer(new RecordingOutput(), AudioPlayer.Settings.DEFAULT)) {
            assertThrows(IllegalArgumentException.class,
                    () -> player.offer(new AudioChunk(new float[10], 16_000, 0), Duration.ZERO));
        }
        JavaSoundOutput line = new JavaSoundOutput();
        try {
            line.open(RATE); // a machine with a speaker: a short silence plays
            line.write(new float[240], 0, 240);
        } catch (MediaException e) {
            assertEquals(MediaException.Kind.DEVICE_UNAVAILABLE, e.kind());
            assertTrue(e.getMessage().startsWith("speaker:default "), e.getMessage());
        } finally {
            line.close();
        }
    }

    @Test
    void floatsBecomeRoundedClipped16BitSamples() {
        byte[] out = new byte[10];
        JavaSoundOutput.toPcm16(new float[] {0f, 1f, -1f, 2f, 0.5f}, 0, 5, out);
        short[] s = new short[5];
        for (int i = 0; i < 5; i++) {
            s[i] = (short) ((out[2 * i] & 0xff) | (out[2 * i + 1] << 8));
        }
        assertArrayEquals(new short[] {0, 32767, -32767, 32767, 16384}, s);
    }

    private AudioPlayer started(AudioPlayer.Settings settings) throws MediaException {
        AudioPlayer player = new AudioPlayer(speaker, settings);
        player.start(executor);
        return player;
    }

    /** A 1 kHz tone, samples [from, from + n) of one continuous signal. */
    private static float[] tone(int from, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (AMP * Math.sin(2 * Math.PI * 1000 * (from + i) / RATE));
        }
        return x;
    }

    private static void assertNoClicks(float[] played) {
        for (int i = 1; i < played.length; i++) {
            float step = Math.abs(played[i] - played[i - 1]);
            assertTrue(step <= TONE_STEP + 1e-4f, "click at sample " + i + ": step " + step);
        }
    }
}
