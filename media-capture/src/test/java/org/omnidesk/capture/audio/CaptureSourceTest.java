// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnidesk.capture.api.AudioChunk;
import org.omnidesk.capture.api.AudioDevice;
import org.omnidesk.capture.api.AudioSource;
import org.omnidesk.capture.api.CaptureStats;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.testing.Ffmpeg;

/**
 * The capture loop the microphone uses, fed from a file (no microphone on CI): block contents
 * and timestamps, the queue bound, overrun counting, closing, and device errors.
 */
class CaptureSourceTest {

    private static final long NANOS_PER_BLOCK = 20_000_000L; // 320 samples at 16 kHz

    @TempDir
    static Path dir;
    private static Path speech;

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-capture"));

    @BeforeAll
    static void makeMedia() throws Exception {
        speech = Ffmpeg.make(dir.resolve("tone.wav"), Ffmpeg.tone(300, 0.4, 44_100, 2, 0.6));
    }

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    @Test
    void blocksConcatenateToTheDecodedFileWithCaptureTimes() throws Exception {
        float[] decoded = AudioDecoder.decode(speech);
        List<AudioChunk> chunks = new ArrayList<>();
        try (AudioSource source = FileAudioSource.open(speech, new CaptureSettings(320, 4, false))) {
            source.start(executor);
            AudioChunk c;
            while ((c = source.poll(Duration.ofSeconds(5))) != null) {
                chunks.add(c);
            }
            assertTrue(source.finished());
            CaptureStats stats = source.stats();
            assertEquals(chunks.size(), stats.blocks());
            assertEquals(0, stats.droppedBlocks(), "a file read as fast as possible waits instead of dropping");
            assertEquals(decoded.length, stats.samples());
        }
        float[] joined = new float[decoded.length];
        int pos = 0;
        for (int i = 0; i < chunks.size(); i++) {
            AudioChunk c = chunks.get(i);
            assertEquals(16_000, c.sampleRate());
            assertTrue(c.length() == 320 || i == chunks.size() - 1, "full blocks but the last");
            assertEquals(chunks.get(0).captureNanos() + i * NANOS_PER_BLOCK, c.captureNanos(), "block " + i);
            c.copyTo(joined, pos);
            pos += c.length();
        }
        assertArrayEquals(decoded, joined);
    }

    @Test
    void aStalledConsumerLosesTheOldestBlocksAndTheyAreCounted() throws Exception {
        // 0.6 s = 30 blocks of 20 ms in real time into a queue of 5 that nobody reads until the end.
        try (AudioSource source = FileAudioSource.open(speech, new CaptureSettings(320, 5, true))) {
            long t0 = System.nanoTime();
            source.start(executor);
            while (source.stats().blocks() < 30) {
                Thread.sleep(20);
            }
            assertTrue(System.nanoTime() - t0 >= 580_000_000L, "real-time pacing");
            CaptureStats stats = source.stats();
            assertEquals(5, stats.queued());
            assertEquals(25, stats.droppedBlocks());
            assertEquals(25 * 320, stats.droppedSamples());
            assertTrue(stats.overrun());
            AudioChunk first = source.poll(Duration.ofSeconds(1));
            AudioChunk second = source.poll(Duration.ofSeconds(1));
            assertEquals(NANOS_PER_BLOCK, second.captureNanos() - first.captureNanos(), "newest blocks kept, in order");
            int left = 2;
            while (source.poll(Duration.ofSeconds(1)) != null) {
                left++;
            }
            assertEquals(5, left);
            assertTrue(source.finished());
        }
    }

    @Test
    void closingStopsCaptureAndEndsThePolls() throws Exception {
        AudioSource source = FileAudioSource.open(speech, new CaptureSettings(320, 100, true));
        source.start(executor);
        assertTrue(source.poll(Duration.ofSeconds(1)) != null);
        long t0 = System.nanoTime();
        source.close();
        assertTrue(System.nanoTime() - t0 < 500_000_000L, "close returns promptly");
        assertNull(source.poll(Duration.ofMillis(50)));
        assertTrue(source.finished());
    }

    @Test
    void badFilesFailOnOpenOrStart() throws Exception {
        MediaException missing = assertThrows(MediaException.class,
                () -> FileAudioSource.open(dir.resolve("none.wav"), CaptureSettings.DEFAULT));
        assertEquals(MediaException.Kind.NOT_FOUND, missing.kind());
        Path text = Files.writeString(dir.resolve("text.wav"), "not audio at all, just some words\n".repeat(10));
        try (AudioSource source = FileAudioSource.open(text, CaptureSettings.DEFAULT)) {
            MediaException e = assertThrows(MediaException.class, () -> source.start(executor));
            assertEquals(MediaException.Kind.NOT_MEDIA, e.kind());
        }
    }

    @Test
    void anAbsentMicrophoneIsATypedErrorNamingIt() {
        // CI has no sound card: an ALSA device that cannot exist fails like an unplugged microphone.
        AudioDevice ghost = new AudioDevice("hw:CARD=NoSuchCard", "Ghost mic", "alsa");
        try (AudioSource mic = Microphone.open(ghost, CaptureSettings.DEFAULT)) {
            MediaException e = assertThrows(MediaException.class, () -> mic.start(executor));
            assertEquals(MediaException.Kind.DEVICE_UNAVAILABLE, e.kind());
            assertTrue(e.getMessage().startsWith("alsa:hw:CARD=NoSuchCard "), e.getMessage());
        }
        assertTrue(Microphone.devices().stream().noneMatch(d -> d.id().endsWith(".monitor")));
        assertTrue(new AudioDevice("alsa_input.usb", "USB Headset Mic", "pulse").matches("headset"));
    }
}
