// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.packaging.installer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jars rewritten for one platform keep exactly its natives, byte for byte, and nothing of the others. */
class JarNativesTest {

    @TempDir
    Path dir;

    /** Laid out like onnxruntime-1.29.0.jar: classes, then one folder per platform (macOS with debug symbols). */
    private Path onnxRuntimeJar() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (String name : List.of(
                "ai/onnxruntime/OrtEnvironment.class",
                "GIT_COMMIT_ID",
                "ai/onnxruntime/native/linux-x64/libonnxruntime.so",
                "ai/onnxruntime/native/linux-x64/libonnxruntime4j_jni.so",
                "ai/onnxruntime/native/linux-aarch64/libonnxruntime.so",
                "ai/onnxruntime/native/win-x64/onnxruntime.dll",
                "ai/onnxruntime/native/win-x64/onnxruntime4j_jni.dll",
                "ai/onnxruntime/native/osx-aarch64/libonnxruntime.dylib",
                "ai/onnxruntime/native/osx-aarch64/libonnxruntime.dylib.dSYM/Contents/Resources/DWARF/"
                        + "libonnxruntime.dylib")) {
            entries.put(name, TestJars.content(name, 1000 + name.length()));
        }
        return TestJars.write(dir.resolve("in/onnxruntime-1.29.0.jar"), entries);
    }

    private static NativeRule rule(Platform platform, String jarName) {
        return NativeRule.classpath(platform).stream().filter(r -> r.appliesTo(jarName)).findFirst().orElseThrow();
    }

    @Test
    void onnxRuntimeNativesForLinuxAreExtractedAndAllOthersDropped() throws Exception {
        Path jar = onnxRuntimeJar();
        Map<String, byte[]> original = TestJars.read(jar);
        Path natives = dir.resolve("natives");

        JarNatives.Result result = JarNatives.rewrite(jar, dir.resolve("out.jar"),
                rule(Platform.LINUX_X64, "onnxruntime-1.29.0.jar"), natives);

        assertEquals(Set.of("ai/onnxruntime/OrtEnvironment.class", "GIT_COMMIT_ID"),
                TestJars.read(dir.resolve("out.jar")).keySet());
        assertEquals("onnxruntime-1.29.0.jar", TestJars.manifestTitle(dir.resolve("out.jar")));
        assertEquals(List.of(natives.resolve("libonnxruntime.so"), natives.resolve("libonnxruntime4j_jni.so")),
                result.extracted());
        assertArrayEquals(original.get("ai/onnxruntime/native/linux-x64/libonnxruntime.so"),
                Files.readAllBytes(natives.resolve("libonnxruntime.so")));
        assertArrayEquals(original.get("ai/onnxruntime/native/linux-x64/libonnxruntime4j_jni.so"),
                Files.readAllBytes(natives.resolve("libonnxruntime4j_jni.so")));
        assertEquals(5, result.droppedEntries());
        long foreign = original.entrySet().stream()
                .filter(e -> e.getKey().contains("/native/") && !e.getKey().contains("/linux-x64/"))
                .mapToLong(e -> e.getValue().length).sum();
        assertEquals(foreign, result.droppedBytes());
    }

    @Test
    void windowsAndMacOsGetTheirOwnAndMacOsLosesItsDebugSymbols() throws Exception {
        Path jar = onnxRuntimeJar();
        JarNatives.Result windows = JarNatives.rewrite(jar, dir.resolve("win.jar"),
                rule(Platform.WINDOWS_X64, "onnxruntime-1.29.0.jar"), dir.resolve("win"));
        assertEquals(List.of(dir.resolve("win/onnxruntime.dll"), dir.resolve("win/onnxruntime4j_jni.dll")),
                windows.extracted());

        JarNatives.Result mac = JarNatives.rewrite(jar, dir.resolve("mac.jar"),
                rule(Platform.MACOS_ARM64, "onnxruntime_gpu-1.29.0.jar"), dir.resolve("mac"));
        assertEquals(List.of(dir.resolve("mac/libonnxruntime.dylib")), mac.extracted());
        assertEquals(6, mac.droppedEntries(), "5 foreign libraries and the dSYM copy");
    }

    @Test
    void librariesThatLoadFromTheirJarKeepOnlyThisPlatformsFolder() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (String name : List.of(
                "org/sqlite/JDBC.class",
                "org/sqlite/native/Linux/x86_64/libsqlitejdbc.so",
                "org/sqlite/native/Linux/x86/libsqlitejdbc.so",
                "org/sqlite/native/Linux-Musl/x86_64/libsqlitejdbc.so",
                "org/sqlite/native/Windows/x86_64/sqlitejdbc.dll",
                "org/sqlite/native/Mac/aarch64/libsqlitejdbc.dylib")) {
            entries.put(name, TestJars.content(name, 500));
        }
        Path jar = TestJars.write(dir.resolve("sqlite-jdbc-3.49.1.0.jar"), entries);

        JarNatives.Result result = JarNatives.rewrite(jar, dir.resolve("out.jar"),
                rule(Platform.LINUX_X64, "sqlite-jdbc-3.49.1.0.jar"), dir.resolve("unused"));

        Map<String, byte[]> kept = TestJars.read(dir.resolve("out.jar"));
        assertEquals(Set.of("org/sqlite/JDBC.class", "org/sqlite/native/Linux/x86_64/libsqlitejdbc.so"), kept.keySet());
        assertArrayEquals(entries.get("org/sqlite/native/Linux/x86_64/libsqlitejdbc.so"),
                kept.get("org/sqlite/native/Linux/x86_64/libsqlitejdbc.so"));
        assertTrue(result.extracted().isEmpty());
        assertFalse(Files.exists(dir.resolve("unused")));
        assertEquals(4, result.droppedEntries());
    }

    @Test
    void jnaAndTokenizersFoldersAreMatchedExactly() {
        NativeRule jna = rule(Platform.LINUX_X64, "jna-5.17.0.jar");
        assertEquals(NativeRule.Fate.OWN_NATIVE, jna.fate("com/sun/jna/linux-x86-64/libjnidispatch.so"));
        assertEquals(NativeRule.Fate.FOREIGN_NATIVE, jna.fate("com/sun/jna/linux-x86/libjnidispatch.so"));
        assertEquals(NativeRule.Fate.FOREIGN_NATIVE, jna.fate("com/sun/jna/aix-ppc64/libjnidispatch.a"));
        assertEquals(NativeRule.Fate.KEEP, jna.fate("com/sun/jna/Native.class"));

        NativeRule tokenizers = rule(Platform.WINDOWS_X64, "tokenizers-0.38.0.jar");
        assertEquals(NativeRule.Fate.OWN_NATIVE, tokenizers.fate("native/lib/win-x86_64/cpu/libstdc++-6.dll"));
        assertEquals(NativeRule.Fate.FOREIGN_NATIVE, tokenizers.fate("native/lib/linux-x86_64/cpu/libtokenizers.so"));
        assertEquals(NativeRule.Fate.KEEP, tokenizers.fate("native/lib/tokenizers.properties"));
    }

    @Test
    void javafxNativesGoNextToTheJarAndVersionedLibrariesCount() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (String name : List.of("module-info.class", "javafx/scene/Node.class", "libglass.so", "libprism_es2.so")) {
            entries.put(name, TestJars.content(name, 300));
        }
        Path fx = dir.resolve("fx");
        Path jar = TestJars.write(dir.resolve("javafx-graphics-21.0.12-linux.jar"), entries);
        assertTrue(NativeRule.javafx().appliesTo(jar.getFileName().toString()));

        JarNatives.Result result = JarNatives.rewrite(jar, Files.createDirectories(fx).resolve("g.jar"),
                NativeRule.javafx(), fx);

        assertEquals(List.of(fx.resolve("libglass.so"), fx.resolve("libprism_es2.so")), result.extracted());
        assertEquals(Set.of("module-info.class", "javafx/scene/Node.class"), TestJars.read(fx.resolve("g.jar")).keySet());
        assertEquals(NativeRule.Fate.OWN_NATIVE, NativeRule.javafx().fate("libopencv_core.so.413"));
    }

    @Test
    void twoLibrariesWithOneNameCannotShareTheExtractFolder() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("ai/onnxruntime/native/linux-x64/libonnxruntime.so", TestJars.content("a", 10));
        entries.put("ai/onnxruntime/native/linux-x64/sub/libonnxruntime.so", TestJars.content("b", 10));
        Path jar = TestJars.write(dir.resolve("onnxruntime-1.29.0.jar"), entries);

        BuildException e = assertThrows(BuildException.class, () -> JarNatives.rewrite(jar, dir.resolve("o.jar"),
                rule(Platform.LINUX_X64, "onnxruntime-1.29.0.jar"), dir.resolve("n")));
        assertTrue(e.getMessage().startsWith("Two native libraries named libonnxruntime.so"), e.getMessage());
    }
}
