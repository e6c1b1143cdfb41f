// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.packaging.installer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What to build, from the Maven profile's arguments ({@code --name=value}).
 *
 * @param classpath      the app's runtime class path without JavaFX (copied by maven-dependency-plugin)
 * @param javafx         OpenJFX's jars (they go on the module path)
 * @param mainJar        the app's jar inside {@code classpath}
 * @param packageVersion 1-3 numbers, what jpackage and the package managers accept
 * @param types          installer types to make ({@code app-image} stops after the app image)
 * @param model          the self-test model package folder; bundled when it exists
 * @param config         packaging/installer: icons and scripts
 * @param license        shown by the installers (deb copyright, rpm license, msi/dmg license page)
 * @param out            where the runtime, app image, installers and size report go
 */
record BuildRequest(Platform platform, Path classpath, Path javafx, String mainJar, String packageVersion,
        List<String> types, String maintainer, Path model, Path config, Path license, Path out) {

    static final String APP_IMAGE = "app-image";
    private static final Pattern PACKAGE_VERSION = Pattern.compile("[0-9]+(\\.[0-9]+){0,2}");

    BuildRequest {
        if (!PACKAGE_VERSION.matcher(packageVersion).matches()) {
            throw new BuildException("Installer version '" + packageVersion + "' is not 1-3 numbers (e.g. 1.2.0);"
                    + " set -Dinstaller.version");
        }
        if (platform == Platform.MACOS_ARM64 && packageVersion.matches("0+(\\..*)?")) {
            throw new BuildException("macOS bundles need a version that starts above 0 (CFBundleVersion), not "
                    + packageVersion + "; set -Dinstaller.version=1.0.0 or higher");
        }
        for (String type : types) {
            if (!type.equals(APP_IMAGE) && !platform.installerTypes().contains(type)) {
                throw new BuildException("Cannot build '" + type + "' installers on " + platform + "; choose from "
                        + platform.installerTypes() + " or " + APP_IMAGE);
            }
        }
        types = List.copyOf(types);
        requireDirectory(classpath, "the app's class path (run with -Pinstaller from the repository root)");
        requireDirectory(javafx, "the JavaFX jars (run with -Pinstaller from the repository root)");
        requireDirectory(config, "the installer configuration (packaging/installer)");
        if (!Files.isRegularFile(classpath.resolve(mainJar))) {
            throw new BuildException("Main jar " + classpath.resolve(mainJar) + " not found; build the app first");
        }
    }

    static BuildRequest parse(Platform platform, String... args) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new BuildException("Argument '" + arg + "' is not --name=value");
            }
            values.put(arg.substring(2, eq), arg.substring(eq + 1).trim());
        }
        String version = required(values, "version");
        String packageVersion = values.getOrDefault("package-version", "");
        String types = values.getOrDefault("types", "");
        return new BuildRequest(platform,
                Path.of(required(values, "classpath")),
                Path.of(required(values, "javafx")),
                required(values, "main-jar"),
                packageVersion.isEmpty() ? version.replaceFirst("-.*", "") : packageVersion,
                types.isEmpty() ? platform.installerTypes() : Arrays.asList(types.split("\\s*,\\s*")),
                values.getOrDefault("maintainer", "omnidesk@invalid"),
                Path.of(required(values, "model")),
                Path.of(required(values, "config")),
                Path.of(required(values, "license")),
                Path.of(required(values, "out")));
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            throw new BuildException("Missing --" + name + "=...");
        }
        return value;
    }

    private static void requireDirectory(Path dir, String what) {
        if (!Files.isDirectory(dir)) {
            throw new BuildException(dir + " is not a folder; it should hold " + what);
        }
    }

    /** Whether the self-test model is there to bundle (packaging/export/tiny makes it). */
    boolean hasModel() {
        return Files.isRegularFile(model.resolve("omni-package.json"));
    }
}
