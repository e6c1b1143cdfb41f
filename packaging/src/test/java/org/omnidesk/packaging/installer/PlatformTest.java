// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.packaging.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OS/arch names the JVM reports, and the request's version and type rules per platform. */
class PlatformTest {

    @TempDir
    Path dir;

    @Test
    void mapsTheJvmsOsAndArchNames() {
        assertEquals(Platform.LINUX_X64, Platform.of("Linux", "amd64"));
        assertEquals(Platform.WINDOWS_X64, Platform.of("Windows 11", "amd64"));
        assertEquals(Platform.MACOS_ARM64, Platform.of("Mac OS X", "aarch64"));
        BuildException e = assertThrows(BuildException.class, () -> Platform.of("Mac OS X", "x86_64"));
        assertTrue(e.getMessage().contains("macOS arm64"), e.getMessage());
    }

    private BuildRequest request(Platform platform, String... extra) throws Exception {
        Path classpath = Files.createDirectories(dir.resolve("cp"));
        Files.writeString(classpath.resolve("app.jar"), "");
        List<String> args = new ArrayList<>(List.of("--classpath=" + classpath,
                "--javafx=" + classpath, "--main-jar=app.jar", "--version=0.1.0-SNAPSHOT", "--model=" + dir,
                "--config=" + dir, "--license=" + dir, "--out=" + dir));
        args.addAll(List.of(extra));
        return BuildRequest.parse(platform, args.toArray(String[]::new));
    }

    @Test
    void versionAndTypesDefaultToTheProjectAndThePlatform() throws Exception {
        BuildRequest linux = request(Platform.LINUX_X64);
        assertEquals("0.1.0", linux.packageVersion());
        assertEquals(List.of("deb", "rpm"), linux.types());
        assertEquals(List.of("deb"), request(Platform.LINUX_X64, "--types=deb").types());
        assertEquals(List.of("msi"), request(Platform.WINDOWS_X64).types());
    }

    @Test
    void refusesWhatThePlatformCannotBuild() {
        BuildException msi = assertThrows(BuildException.class, () -> request(Platform.LINUX_X64, "--types=deb,msi"));
        assertTrue(msi.getMessage().startsWith("Cannot build 'msi' installers on LINUX_X64"), msi.getMessage());
        BuildException mac = assertThrows(BuildException.class, () -> request(Platform.MACOS_ARM64, "--types=dmg"));
        assertTrue(mac.getMessage().contains("-Dinstaller.version=1.0.0"), mac.getMessage());
        BuildException version = assertThrows(BuildException.class,
                () -> request(Platform.LINUX_X64, "--package-version=1.2.3.4"));
        assertTrue(version.getMessage().contains("not 1-3 numbers"), version.getMessage());
    }
}
