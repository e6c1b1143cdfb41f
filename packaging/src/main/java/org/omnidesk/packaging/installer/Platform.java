// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.packaging.installer;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * An installer target: what jpackage makes there, where the app image keeps its parts, and how each
 * native-bearing library names this platform's folder inside its jar (so the installer keeps only those).
 */
public enum Platform {
    LINUX_X64("linux-x86_64", "linux", List.of("deb", "rpm"), "es2,sw",
            new NativeDirs("linux-x64", "linux-x86_64", "Linux/x86_64", "linux-x86-64")),
    WINDOWS_X64("windows-x86_64", "win", List.of("msi"), "d3d,sw",
            new NativeDirs("win-x64", "win-x86_64", "Windows/x86_64", "win32-x86-64")),
    MACOS_ARM64("macosx-arm64", "mac-aarch64", List.of("dmg"), "es2,sw",
            new NativeDirs("osx-aarch64", "osx-aarch64", "Mac/aarch64", "darwin-aarch64"));

    /** This platform's folder name inside ONNX Runtime's, DJL tokenizers', sqlite-jdbc's and JNA's jars. */
    record NativeDirs(String onnxRuntime, String tokenizers, String sqlite, String jna) {}

    public static final String APP_NAME = "OmniDesk";

    private final String javacppClassifier;
    private final String javafxClassifier;
    private final List<String> installerTypes;
    private final String prismOrder;
    private final NativeDirs nativeDirs;

    Platform(String javacppClassifier, String javafxClassifier, List<String> installerTypes, String prismOrder,
            NativeDirs nativeDirs) {
        this.javacppClassifier = javacppClassifier;
        this.javafxClassifier = javafxClassifier;
        this.installerTypes = installerTypes;
        this.prismOrder = prismOrder;
        this.nativeDirs = nativeDirs;
    }

    /** The platform this JVM runs on; installers are built on their own OS (jpackage cannot cross-build). */
    public static Platform current() {
        return of(System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    static Platform of(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
        if (os.contains("linux") && x64) {
            return LINUX_X64;
        }
        if (os.contains("windows") && x64) {
            return WINDOWS_X64;
        }
        if (os.contains("mac") && arm64) {
            return MACOS_ARM64;
        }
        throw new BuildException("No installer for " + osName + " " + osArch + ": ONNX Runtime 1.29 ships natives"
                + " for Linux x86-64, Windows x86-64 and macOS arm64 only; build on one of those");
    }

    /** javacpp's classifier for this platform's native jars (the root pom's javacpp.platform). */
    public String javacppClassifier() {
        return javacppClassifier;
    }

    /** The classifier OpenJFX's Maven jars carry on this platform. */
    public String javafxClassifier() {
        return javafxClassifier;
    }

    public List<String> installerTypes() {
        return installerTypes;
    }

    /** Prism pipelines in order: the hardware one, then the software renderer. */
    public String prismOrder() {
        return prismOrder;
    }

    NativeDirs nativeDirs() {
        return nativeDirs;
    }

    /** The app image jpackage writes under {@code dest}. */
    public Path imageRoot(Path dest) {
        return dest.resolve(this == MACOS_ARM64 ? APP_NAME + ".app" : APP_NAME);
    }

    /** {@code $APPDIR}: the folder with the class path, the launcher's .cfg and our added parts. */
    public Path appDir(Path imageRoot) {
        return switch (this) {
            case LINUX_X64 -> imageRoot.resolve("lib/app");
            case WINDOWS_X64 -> imageRoot.resolve("app");
            case MACOS_ARM64 -> imageRoot.resolve("Contents/app");
        };
    }

    /** The jlinked Java runtime inside the app image. */
    public Path runtimeDir(Path imageRoot) {
        return switch (this) {
            case LINUX_X64 -> imageRoot.resolve("lib/runtime");
            case WINDOWS_X64 -> imageRoot.resolve("runtime");
            case MACOS_ARM64 -> imageRoot.resolve("Contents/runtime");
        };
    }

    /** The icon jpackage takes on this platform, under the installer config's icons/ folder. */
    public String iconFile() {
        return switch (this) {
            case LINUX_X64 -> "omnidesk.png";
            case WINDOWS_X64 -> "omnidesk.ico";
            case MACOS_ARM64 -> "omnidesk.icns";
        };
    }
}
