// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.api.MediaException.Kind;
import org.omnidesk.capture.testing.Ffmpeg;

/** Files that are not usable audio fail with a typed, one-line error that names them. */
class BadMediaTest {

    @TempDir
    Path dir;

    @Test
    void zeroByteFile() throws Exception {
        assertFails(Files.createFile(dir.resolve("empty.wav")), Kind.EMPTY_FILE);
    }

    @Test
    void missingFile() throws Exception {
        assertFails(dir.resolve("nowhere.mp3"), Kind.NOT_FOUND);
    }

    @Test
    void directory() throws Exception {
        assertFails(Files.createDirectory(dir.resolve("folder.wav")), Kind.IS_DIRECTORY);
    }

    @Test
    void textRenamedToWav() throws Exception {
        Path text = dir.resolve("notes.wav");
        Files.writeString(text, "Shopping list:\n- milk\n- bread\nThis is plain text, not sound.\n".repeat(20));
        assertFails(text, Kind.NOT_MEDIA);
    }

    @Test
    void truncatedMp4WithItsIndexAtTheEnd() throws Exception {
        Path full = Ffmpeg.make(dir.resolve("full.mp4"), Ffmpeg.tone(440, 0.3, 44_100, 2, 3.0));
        assertFails(truncate(full, dir.resolve("cut.mp4"), 0.6), Kind.CORRUPT);
    }

    @Test
    void truncatedMp4WithItsIndexAtTheStart() throws Exception {
        // faststart puts the index first: the header opens, the samples stop early.
        String[] tone = Ffmpeg.tone(440, 0.3, 44_100, 2, 6.0);
        Path full = Ffmpeg.make(dir.resolve("fast.mp4"), tone[0], tone[1], tone[2], tone[3], "-movflags", "+faststart");
        MediaException e = assertFails(truncate(full, dir.resolve("fastcut.mp4"), 0.5), Kind.CORRUPT);
        assertTrue(e.getMessage().contains("of 6.0 s"), e.getMessage());
    }

    @Test
    void videoWithoutSound() throws Exception {
        Path video = Ffmpeg.make(dir.resolve("silent.mp4"), "-f", "lavfi", "-i", "testsrc=d=1:s=64x64:r=10",
                "-c:v", "mpeg4");
        assertFails(video, Kind.NO_AUDIO_TRACK);
    }

    private static MediaException assertFails(Path file, Kind kind) {
        MediaException e = assertThrows(MediaException.class, () -> AudioDecoder.decode(file));
        assertEquals(kind, e.kind(), e.getMessage());
        assertEquals(file, e.path());
        assertTrue(e.getMessage().contains(file.toString()), "message names the file: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    private static Path truncate(Path src, Path dst, double fraction) throws IOException {
        byte[] bytes = Files.readAllBytes(src);
        return Files.write(dst, Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
    }
}
