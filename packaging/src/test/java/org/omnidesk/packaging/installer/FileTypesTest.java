// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.packaging.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Open with OmniDesk": the desktop entry passes the files on and lists each media type once. */
class FileTypesTest {

    @TempDir
    Path dir;

    @Test
    void theDesktopEntryPassesFilesAndListsVideoImageAndAudioTypes() {
        String entry = LinuxPackaging.desktopEntry(FileTypes.MEDIA);
        assertTrue(entry.lines().anyMatch("Exec=APPLICATION_LAUNCHER %F"::equals), entry);
        String mimeLine = entry.lines().filter(l -> l.startsWith("MimeType=")).findFirst().orElseThrow();
        List<String> types = Arrays.asList(mimeLine.substring("MimeType=".length()).split(";"));
        assertEquals(14, types.size(), "15 extensions, jpg and jpeg share image/jpeg");
        assertEquals(types.size(), types.stream().distinct().count());
        assertTrue(types.containsAll(List.of("video/mp4", "image/png", "audio/mpeg")), mimeLine);
        assertTrue(mimeLine.endsWith(";"));
    }

    @Test
    void writesOneJpackageAssociationPerExtension() throws Exception {
        List<Path> files = FileTypes.MEDIA.writeAssociations(dir);
        assertEquals(15, files.size());
        Properties mp4 = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve("mp4.properties"))) {
            mp4.load(in);
        }
        assertEquals("mp4", mp4.getProperty("extension"));
        assertEquals("video/mp4", mp4.getProperty("mime-type"));
        assertEquals("MP4 video", mp4.getProperty("description"));
    }
}
