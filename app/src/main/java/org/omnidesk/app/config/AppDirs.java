// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where OmniDesk keeps its files: {@code data} (history database, installed model packages) and
 * {@code config} (settings). XDG folders on Linux, %APPDATA% on Windows, Application Support on
 * macOS. The system property {@value #HOME_PROPERTY} puts both under one folder (tests, portable
 * installs), so nothing touches the user's real home.
 */
public record AppDirs(Path data, Path config) {

    public static final String HOME_PROPERTY = "omnidesk.home";

    /** The folders for this process: {@value #HOME_PROPERTY} when set, else the platform's. */
    public static AppDirs current() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null && !home.isBlank()) {
            return under(Path.of(home));
        }
        return forPlatform(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** {@code root/data} and {@code root/config}. */
    public static AppDirs under(Path root) {
        return new AppDirs(root.resolve("data"), root.resolve("config"));
    }

    static AppDirs forPlatform(String osName, Map<String, String> env, Path userHome) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            Path appData = env.containsKey("APPDATA") ? Path.of(env.get("APPDATA"))
                    : userHome.resolve("AppData").resolve("Roaming");
            Path root = appData.resolve("OmniDesk");
            return new AppDirs(root, root);
        }
        if (os.startsWith("mac")) {
            Path root = userHome.resolve("Library").resolve("Application Support").resolve("OmniDesk");
            return new AppDirs(root, root);
        }
        return new AppDirs(xdg(env, "XDG_DATA_HOME", userHome.resolve(".local").resolve("share")).resolve("omnidesk"),
                xdg(env, "XDG_CONFIG_HOME", userHome.resolve(".config")).resolve("omnidesk"));
    }

    /** The XDG variable when it holds an absolute path (the spec says to ignore relative ones). */
    private static Path xdg(Map<String, String> env, String name, Path fallback) {
        String value = env.get(name);
        return value != null && !value.isBlank() && Path.of(value).isAbsolute() ? Path.of(value) : fallback;
    }

    public Path historyDatabase() {
        return data.resolve("history.db");
    }

    public Path modelsFolder() {
        return data.resolve("models");
    }

    public Path settingsFile() {
        return config.resolve("settings.json");
    }
}
