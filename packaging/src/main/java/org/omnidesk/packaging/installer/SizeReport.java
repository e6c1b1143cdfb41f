// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.packaging.installer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the installed app is made of, in bytes on disk, and how large each installer file is. */
record SizeReport(List<Row> components, List<Row> installers) {

    record Row(String name, long bytes) {}

    SizeReport {
        components = List.copyOf(components);
        installers = List.copyOf(installers);
    }

    /** Splits the app image into the parts the issue asks about; "app" is everything not named. */
    static SizeReport of(Platform platform, Path image, List<Path> installerFiles) throws IOException {
        Path app = platform.appDir(image);
        long javacv = 0;
        for (Path jar : FileTrees.list(app, "-" + platform.javacppClassifier() + ".jar")) {
            javacv += Files.size(jar);
        }
        long onnxRuntime = FileTrees.size(app.resolve(AppInput.ONNX_RUNTIME_NATIVES));
        for (Path jar : FileTrees.list(app, ".jar")) {
            if (NativeRule.ONNX_RUNTIME_JAR.matcher(jar.getFileName().toString()).matches()) {
                onnxRuntime += Files.size(jar);
            }
        }
        if (Files.isRegularFile(image.resolve(AppImage.DIRECTML_DLL))) {
            onnxRuntime += Files.size(image.resolve(AppImage.DIRECTML_DLL));
        }
        List<Row> parts = new ArrayList<>(List.of(
                new Row("Java runtime (jlink)", FileTrees.size(platform.runtimeDir(image))),
                new Row("JavaFX", FileTrees.size(app.resolve(AppInput.JAVAFX))),
                new Row("javacv natives (FFmpeg, OpenCV, OpenBLAS)", javacv),
                new Row("ONNX Runtime", onnxRuntime),
                new Row("self-test model", FileTrees.size(app.resolve(AppInput.SELFTEST_MODEL)))));
        long named = parts.stream().mapToLong(Row::bytes).sum();
        parts.add(new Row("app, libraries and launcher", FileTrees.size(image) - named));
        List<Row> files = new ArrayList<>();
        for (Path file : installerFiles) {
            files.add(new Row(file.getFileName().toString(), Files.size(file)));
        }
        return new SizeReport(parts, files);
    }

    long installedBytes() {
        return components.stream().mapToLong(Row::bytes).sum();
    }

    String table() {
        StringBuilder t = new StringBuilder("| installed component | MB |\n|---|---:|\n");
        components.forEach(r -> t.append(line(r)));
        t.append(line(new Row("**total installed**", installedBytes())));
        if (!installers.isEmpty()) {
            t.append("\n| installer file | MB |\n|---|---:|\n");
            installers.forEach(r -> t.append(line(r)));
        }
        return t.toString();
    }

    private static String line(Row row) {
        return String.format(Locale.ROOT, "| %s | %.1f |%n", row.name(), row.bytes() / 1e6);
    }
}
