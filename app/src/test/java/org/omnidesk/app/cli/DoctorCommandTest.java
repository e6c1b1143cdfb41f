// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnidesk.app.config.AppDirs;
import org.omnidesk.app.config.Settings;
import org.omnidesk.app.config.SettingsStore;
import org.omnidesk.app.remote.RemoteConfig;
import org.omnidesk.app.remote.RemoteConfigStore;

class DoctorCommandTest {

    @Test
    void doctorListsVersionsAndTheCpuProvider() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), "doctor");
        String text = out.toString();
        assertEquals(0, code, err.toString());
        assertTrue(text.contains("CPUExecutionProvider"), text);
        assertTrue(text.matches("(?s).*ONNX Runtime\\s+1\\.29\\.0.*"), text);
        assertTrue(text.matches("(?s).*FFmpeg\\s+\\d+\\.\\d+.*"), text);
        assertTrue(text.matches("(?s).*OpenCV\\s+4\\.\\d+.*"), text);
        assertTrue(text.contains("Microphones") && text.contains("Cameras"), text);
    }

    @Test
    void doctorNamesTheRemoteServerWhenItIsChosenAndNeverItsKey(@TempDir Path home) {
        String before = System.getProperty(AppDirs.HOME_PROPERTY);
        System.setProperty(AppDirs.HOME_PROPERTY, home.toString());
        try {
            assertTrue(doctor().contains("\nEngine: local\n"), doctor());
            AppDirs dirs = AppDirs.current();
            RemoteConfigStore store = RemoteConfigStore.in(dirs);
            store.save(RemoteConfig.defaults().withUrl("http://gpu-box:8091/v1"));
            store.saveApiKey("sk-doctor-secret".toCharArray());
            assertTrue(doctor().contains("\nEngine: local (a server is configured but not in use: gpu-box:8091)\n"),
                    doctor());
            SettingsStore settings = new SettingsStore(dirs.settingsFile());
            Settings s = Settings.defaults();
            settings.save(new Settings(s.voice(), s.speech(), s.provider(), s.theme(), s.useVideoSound(), s.handsFree(),
                    s.bargeIn(), s.microphone(), s.camera(), "remote", s.activeModel(), s.sampling(), s.window()));
            String text = doctor();
            assertTrue(text.contains("\nEngine: remote: gpu-box:8091 (the server's model; TLS verified; API key stored in "
                    + store.keyFile() + ")\n"), text);
            assertFalse(text.contains("sk-doctor-secret"));
        } finally {
            if (before == null) {
                System.clearProperty(AppDirs.HOME_PROPERTY);
            } else {
                System.setProperty(AppDirs.HOME_PROPERTY, before);
            }
        }
    }

    /** The doctor's output with each row as "Name: value" and LF line ends, whatever the column width. */
    private static String doctor() {
        StringWriter out = new StringWriter();
        assertEquals(0, Cli.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "doctor"));
        return out.toString().replace(System.lineSeparator(), "\n").replaceAll("(?m)^(\\S[\\w ]*?\\S) {2,}", "$1: ");
    }

    @Test
    void unknownSubcommandIsAOneLineErrorNotAStackTrace() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), "no-such-command");
        assertTrue(code != 0);
        assertTrue(!err.toString().contains("\tat "), err.toString());
    }
}
