// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.packaging.installer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stage 1: the folders the app image is made from, with only this platform's natives. {@code input}
 * is jpackage's --input (its jars become the class path, ONNX Runtime's natives sit in
 * native/onnxruntime, the self-test model in selftest-model); {@code javafx} is copied into the app
 * image afterwards, because jpackage would put every jar under --input on the class path.
 */
final class AppInput {

    static final String ONNX_RUNTIME_NATIVES = "native/onnxruntime";
    static final String JAVAFX = "javafx";
    static final String SELFTEST_MODEL = "selftest-model";

    /** A javacpp/javacv native jar's platform classifier, e.g. ffmpeg-8.0.1-1.5.13-linux-x86_64.jar. */
    private static final Pattern JAVACPP_NATIVE_JAR =
            Pattern.compile(".*-((?:linux|windows|macosx|android|ios)-[a-z0-9_]+)\\.jar");

    record Staged(Path input, Path javafx, Variant variant, boolean modelBundled) {}

    private AppInput() {
    }

    static Staged stage(BuildRequest request, PrintStream log) throws IOException {
        List<Path> jars = FileTrees.list(request.classpath(), ".jar");
        List<String> names = jars.stream().map(j -> j.getFileName().toString()).toList();
        requireJavacppPlatform(names, request.platform());
        Variant variant = Variant.of(names, request.platform());

        Path input = FileTrees.recreate(request.out().resolve("input"));
        List<NativeRule> rules = NativeRule.classpath(request.platform());
        for (Path jar : jars) {
            Path target = input.resolve(jar.getFileName());
            Optional<NativeRule> rule =
                    rules.stream().filter(r -> r.appliesTo(jar.getFileName().toString())).findFirst();
            if (rule.isEmpty()) {
                Files.copy(jar, target);
                continue;
            }
            JarNatives.Result result = JarNatives.rewrite(jar, target, rule.get(), input.resolve(ONNX_RUNTIME_NATIVES));
            if (rule.get().extract() && result.extracted().isEmpty()) {
                throw new BuildException(jar.getFileName() + " has no natives under " + rule.get().ownDir()
                        + "; this ONNX Runtime build does not support " + request.platform());
            }
            log.printf("  %s: %d foreign native files left out (%d MB)%s%n", jar.getFileName(),
                    result.droppedEntries(), result.droppedBytes() >> 20,
                    result.extracted().isEmpty() ? "" : ", " + result.extracted().size() + " extracted to "
                            + ONNX_RUNTIME_NATIVES);
        }

        Path javafx = stageJavaFx(request, log);
        boolean model = request.hasModel();
        if (model) {
            // Not the dotfiles: the SHA-256 cache (.omnidesk-sha256.json) belongs to the build machine's copy.
            FileTrees.copy(request.model(), input.resolve(SELFTEST_MODEL),
                    p -> !p.getFileName().toString().startsWith("."));
        } else {
            log.println("  NOTE: no self-test model at " + request.model() + " (packaging/export/tiny makes it);"
                    + " the installer goes without it");
        }
        return new Staged(input, javafx, variant, model);
    }

    /** Only this platform's OpenJFX jars (not the empty placeholder jars), natives moved next to them. */
    private static Path stageJavaFx(BuildRequest request, PrintStream log) throws IOException {
        Path javafx = FileTrees.recreate(request.out().resolve(JAVAFX));
        int natives = 0;
        for (Path jar : FileTrees.list(request.javafx(), "-" + request.platform().javafxClassifier() + ".jar")) {
            natives += JarNatives.rewrite(jar, javafx.resolve(jar.getFileName()), NativeRule.javafx(), javafx)
                    .extracted().size();
        }
        if (natives == 0) {
            throw new BuildException("No JavaFX natives for " + request.platform() + " in " + request.javafx()
                    + "; OpenJFX picks its classifier from the OS Maven runs on, so build on the target OS");
        }
        log.printf("  JavaFX: %d native libraries placed next to the jars%n", natives);
        return javafx;
    }

    /** The javacv natives must be this platform's: the root pom's javacpp.platform picks them. */
    static void requireJavacppPlatform(List<String> jarNames, Platform platform) {
        for (String name : jarNames) {
            Matcher m = JAVACPP_NATIVE_JAR.matcher(name);
            if (m.matches() && !m.group(1).equals(platform.javacppClassifier())) {
                throw new BuildException(name + " carries " + m.group(1) + " natives, but this installer is for "
                        + platform.javacppClassifier() + "; rebuild with -Djavacpp.platform="
                        + platform.javacppClassifier() + " (packaging/installer/build.sh and build.ps1 do)");
            }
        }
    }
}
