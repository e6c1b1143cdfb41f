// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.packaging.installer;

import java.util.ArrayList;
import java.util.List;

/** The JVM options written into the launcher's .cfg; {@code $APPDIR} is the app folder at run time. */
final class LauncherOptions {

    private LauncherOptions() {
    }

    static List<String> of(Platform platform, boolean modelBundled) {
        List<String> options = new ArrayList<>();
        // Heap: model weights, KV caches and ONNX Runtime's arenas live in native memory, outside the
        // heap; the heap holds decoded media, features and the UI. A long video at the model's pixel
        // budget is ~1 GB of float32 pixel_values [~230k patches, 1176], so 30% of RAM (the JVM's
        // default is 25%) leaves the remaining 70% to the model's native memory.
        options.add("-XX:MaxRAMPercentage=30");
        // JavaFX runs as named modules from the app folder (on the class path it is an unsupported
        // configuration); its natives sit next to the jars, so nothing is unpacked into ~/.openjfx.
        options.add("--module-path=$APPDIR/" + AppInput.JAVAFX);
        options.add("--add-modules=javafx.controls");
        // The GPU pipeline first (OpenGL ES2 or Direct3D), the software renderer when the driver
        // cannot provide it (virtual machines, remote desktops, Xvfb): the window always opens.
        options.add("-Dprism.order=" + platform.prismOrder());
        // ONNX Runtime's natives were extracted at build time: no 28 MB copy into a temp folder on
        // every start, and the jar in the installer carries no natives at all.
        options.add("-Donnxruntime.native.path=$APPDIR/" + AppInput.ONNX_RUNTIME_NATIVES);
        // Java 17's default charset follows the OS locale (often windows-1252); history, settings and
        // exported transcripts are UTF-8 on every platform.
        options.add("-Dfile.encoding=UTF-8");
        if (modelBundled) {
            // The bundled random-weights self-test model, which model setup offers (AppConfig.bundledSelfTest).
            options.add("-Domnidesk.selftest=$APPDIR/" + AppInput.SELFTEST_MODEL);
        }
        return options;
    }
}
