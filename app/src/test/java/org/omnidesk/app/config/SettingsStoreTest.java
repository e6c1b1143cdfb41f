// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {

    @TempDir
    Path dir;

    @Test
    void noFileMeansDefaults() {
        SettingsStore store = new SettingsStore(dir.resolve("cfg/settings.json"));
        Settings s = store.load();
        assertEquals(Settings.defaults(), s);
        assertTrue(s.speech() && s.useVideoSound() && s.bargeIn() && !s.handsFree());
        assertEquals("Chelsie", s.voice());
        assertEquals("auto", s.provider());
        assertTrue(store.problem().isEmpty());
    }

    @Test
    void savedSettingsComeBackIncludingTheWindow() {
        SettingsStore store = new SettingsStore(dir.resolve("cfg/settings.json"));
        Settings s = new Settings("Ethan", false, "cpu", "dark", false, true, false, "USB mic", "/dev/video2",
                "scripted", "tiny", new Settings.Sampling(true, 0.7, 0.9, 40, 1.05, 256),
                new Settings.WindowBounds(10, 20, 1000, 700, false));
        store.save(s);
        assertEquals(s, new SettingsStore(store.file()).load());
        assertEquals(s.withWindow(new Settings.WindowBounds(5, 6, 800, 600, true)).window(),
                new Settings.WindowBounds(5, 6, 800, 600, true));
    }

    @Test
    void keysMissingFromAnOlderFileTakeTheirDefaults() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"voice\": \"Ethan\", \"futureKey\": 42}");
        Settings s = new SettingsStore(file).load();
        assertEquals("Ethan", s.voice());
        assertTrue(s.speech(), "speech defaults to on");
        assertTrue(s.useVideoSound(), "the video's sound defaults to on");
    }

    @Test
    void aDamagedFileIsMovedAsideAndExplained() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"voice\": \"Bob\"}");
        SettingsStore store = new SettingsStore(file);
        assertEquals(Settings.defaults(), store.load());
        assertTrue(store.problem().orElseThrow().contains("settings.json"), store.problem().get());
        assertFalse(store.problem().get().contains("\n"));
        assertTrue(Files.exists(dir.resolve("settings.json.bad")));
        assertFalse(Files.exists(file));
    }

    @Test
    void impossibleValuesAreRejectedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Settings.Sampling(false, 5.0, null, null, null, null));
        assertTrue(e.getMessage().startsWith("temperature"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Settings.WindowBounds(0, 0, 10, 10, false));
    }
}
