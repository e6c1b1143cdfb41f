// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.packaging.installer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staged app folder, from a miniature class path laid out as Maven copies the real one. */
class AppInputTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    private BuildRequest request(String onnxRuntimeJar, String javacppClassifier) throws Exception {
        Path classpath = dir.resolve("classpath");
        TestJars.write(classpath.resolve("app-0.1.0-SNAPSHOT.jar"), Map.of("org/omnidesk/app/Main.class", new byte[8]));
        TestJars.write(classpath.resolve("ffmpeg-8.0.1-1.5.13-" + javacppClassifier + ".jar"),
                Map.of("org/bytedeco/ffmpeg/x/libavutil.so.60", new byte[64]));
        TestJars.write(classpath.resolve(onnxRuntimeJar), Map.of(
                "ai/onnxruntime/OrtSession.class", new byte[8],
                "ai/onnxruntime/native/linux-x64/libonnxruntime.so", TestJars.content("ort", 4096),
                "ai/onnxruntime/native/win-x64/onnxruntime.dll", TestJars.content("win", 4096)));
        Path javafx = dir.resolve("javafx");
        TestJars.write(javafx.resolve("javafx-graphics-21.0.12-linux.jar"),
                Map.of("module-info.class", new byte[8], "libglass.so", TestJars.content("glass", 100)));
        TestJars.write(javafx.resolve("javafx-graphics-21.0.12.jar"), Map.of());
        Files.createDirectories(dir.resolve("config"));
        return BuildRequest.parse(Platform.LINUX_X64,
                "--classpath=" + classpath, "--javafx=" + javafx, "--main-jar=app-0.1.0-SNAPSHOT.jar",
                "--version=0.1.0-SNAPSHOT", "--model=" + dir.resolve("model"), "--config=" + dir.resolve("config"),
                "--license=" + dir.resolve("LICENSE"), "--out=" + dir.resolve("out"));
    }

    @Test
    void stagesThisPlatformsNativesWhereTheLauncherOptionsPoint() throws Exception {
        BuildRequest request = request("onnxruntime-1.29.0.jar", "linux-x86_64");
        Path model = Files.createDirectories(dir.resolve("model/speakers"));
        Files.writeString(dir.resolve("model/omni-package.json"), "{\"format\": \"omnidesk-model/1\"}");
        Files.writeString(model.resolve("Chelsie.json"), "{}");
        Files.writeString(dir.resolve("model/.omnidesk-sha256.json"), "{}");

        AppInput.Staged staged = AppInput.stage(request, log);

        assertEquals(Variant.CPU, staged.variant());
        assertTrue(staged.modelBundled());
        assertArrayEquals(TestJars.content("ort", 4096),
                Files.readAllBytes(staged.input().resolve("native/onnxruntime/libonnxruntime.so")));
        assertEquals(List.of("ai/onnxruntime/OrtSession.class"),
                List.copyOf(TestJars.read(staged.input().resolve("onnxruntime-1.29.0.jar")).keySet()));
        assertTrue(Files.isRegularFile(staged.input().resolve("selftest-model/speakers/Chelsie.json")));
        assertFalse(Files.exists(staged.input().resolve("selftest-model/.omnidesk-sha256.json")),
                "the build machine's SHA-256 cache stays behind");
        assertEquals(List.of(staged.javafx().resolve("javafx-graphics-21.0.12-linux.jar")),
                FileTrees.list(staged.javafx(), ".jar"), "the empty placeholder jar stays out");
        assertArrayEquals(TestJars.content("glass", 100), Files.readAllBytes(staged.javafx().resolve("libglass.so")));

        // Every $APPDIR folder the launcher names exists in the app folder (JavaFX is copied in by AppImage).
        for (String option : LauncherOptions.of(request.platform(), staged.modelBundled())) {
            int at = option.indexOf("$APPDIR/");
            if (at >= 0) {
                String folder = option.substring(at + "$APPDIR/".length());
                Path staging = folder.equals(AppInput.JAVAFX) ? staged.javafx() : staged.input().resolve(folder);
                assertTrue(Files.isDirectory(staging), option + " names a folder the app image lacks");
            }
        }
    }

    @Test
    void withoutTheSelfTestModelTheBuildGoesOnAndSaysSo() throws Exception {
        AppInput.Staged staged = AppInput.stage(request("onnxruntime-1.29.0.jar", "linux-x86_64"), log);

        assertFalse(staged.modelBundled());
        assertFalse(Files.exists(staged.input().resolve(AppInput.SELFTEST_MODEL)));
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("NOTE: no self-test model at"));
        assertTrue(LauncherOptions.of(Platform.LINUX_X64, false).stream().noneMatch(o -> o.contains("selftest")));
    }

    @Test
    void anotherPlatformsJavacvNativesStopTheBuild() throws Exception {
        BuildRequest request = request("onnxruntime-1.29.0.jar", "windows-x86_64");
        BuildException e = assertThrows(BuildException.class, () -> AppInput.stage(request, log));
        assertTrue(e.getMessage().contains("carries windows-x86_64 natives")
                && e.getMessage().contains("-Djavacpp.platform=linux-x86_64"), e.getMessage());
    }

    @Test
    void theGpuBuildIsTheCudaVariant() throws Exception {
        assertEquals(Variant.CUDA, AppInput.stage(request("onnxruntime_gpu-1.29.0.jar", "linux-x86_64"), log).variant());
    }
}
