// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppDirsTest {

    private static final Path HOME = Path.of("/home/ada");

    @Test
    void linuxUsesTheXdgDefaultsUnderHome() {
        AppDirs dirs = AppDirs.forPlatform("Linux", Map.of(), HOME);
        assertEquals(Path.of("/home/ada/.local/share/omnidesk"), dirs.data());
        assertEquals(Path.of("/home/ada/.config/omnidesk"), dirs.config());
        assertEquals(Path.of("/home/ada/.local/share/omnidesk/history.db"), dirs.historyDatabase());
        assertEquals(Path.of("/home/ada/.config/omnidesk/settings.json"), dirs.settingsFile());
    }

    @Test
    void linuxHonoursAbsoluteXdgVariablesAndIgnoresRelativeOnes() {
        AppDirs dirs = AppDirs.forPlatform("Linux", Map.of("XDG_DATA_HOME", "/data/xdg", "XDG_CONFIG_HOME", "rel/cfg"), HOME);
        assertEquals(Path.of("/data/xdg/omnidesk"), dirs.data());
        assertEquals(Path.of("/home/ada/.config/omnidesk"), dirs.config());
    }

    @Test
    void windowsUsesAppData() {
        AppDirs dirs = AppDirs.forPlatform("Windows 11", Map.of("APPDATA", "/c/Users/ada/AppData/Roaming"), HOME);
        assertEquals(Path.of("/c/Users/ada/AppData/Roaming/OmniDesk"), dirs.data());
        assertEquals(dirs.data(), dirs.config());
    }

    @Test
    void macUsesApplicationSupport() {
        AppDirs dirs = AppDirs.forPlatform("Mac OS X", Map.of(), HOME);
        assertEquals(Path.of("/home/ada/Library/Application Support/OmniDesk"), dirs.data());
    }

    @Test
    void theTestBuildNeverPointsAtTheRealHome() {
        // surefire sets omnidesk.home, so even a test that forgets to pass its own folder stays in target/.
        AppDirs dirs = AppDirs.current();
        assertTrue(dirs.data().toString().contains("target"), dirs.data().toString());
        assertTrue(!dirs.data().startsWith(Path.of(System.getProperty("user.home"), ".local")));
    }
}
