// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.omnidesk.app.config.AppDirs;
import org.omnidesk.app.config.SettingsStore;
import org.omnidesk.app.remote.RemoteConfigStore;
import org.omnidesk.capture.api.CaptureDiagnostics;
import org.omnidesk.runtime.api.RuntimeDiagnostics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code omnidesk doctor}: what this machine offers OmniDesk. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Print Java, JavaFX, ONNX Runtime (and its execution providers), FFmpeg/OpenCV versions, capture devices"
                + " and the engine in use (local, or remote: host; the server is not contacted).")
final class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = "--model", paramLabel = "DIR",
            description = "Also load this model package and show which execution provider runs each graph, and why.")
    java.nio.file.Path model;

    @picocli.CommandLine.Option(names = "--provider", defaultValue = "auto", paramLabel = "P",
            description = "Provider choice for --model: auto | cuda | directml | cpu (default: ${DEFAULT-VALUE}).")
    String provider;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        row(out, "OmniDesk", BuildInfo.version());
        row(out, "Java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.home") + ")");
        row(out, "JavaFX", JavaFxInfo.version());
        RuntimeDiagnostics.OnnxRuntime ort = RuntimeDiagnostics.onnxRuntime();
        row(out, "ONNX Runtime", ort.version());
        row(out, "Providers", String.join(", ", ort.availableProviders()));
        row(out, "FFmpeg", CaptureDiagnostics.ffmpegVersion());
        row(out, "OpenCV", CaptureDiagnostics.opencvVersion());
        row(out, "Microphones", listOrNone(CaptureDiagnostics.audioInputDevices()));
        row(out, "Cameras", listOrNone(CaptureDiagnostics.videoInputDevices()));
        AppDirs dirs = AppDirs.current();
        row(out, "Engine", RemoteConfigStore.in(dirs).describe(new SettingsStore(dirs.settingsFile()).load().engine()));
        if (model != null) {
            try (var engine = org.omnidesk.runtime.api.EngineProvider.open("local",
                    new org.omnidesk.runtime.api.EngineOptions(java.util.Optional.of(model), provider, 0, java.util.Map.of()))) {
                var info = engine.info();
                row(out, "Model", info.modelName() + (info.randomWeights() && !info.modelName().contains("random") ? " (random weights: self-test only)" : "")
                        + ", " + info.location());
                for (var g : info.graphs()) {
                    row(out, "  " + g.graph(), g.provider() + " (" + g.reason() + ")");
                }
            }
        }
        return 0;
    }

    private static void row(PrintWriter out, String name, String value) {
        out.printf("%-17s %s%n", name, value);
    }

    private static String listOrNone(List<String> items) {
        return items.isEmpty() ? "none found" : String.join("; ", items);
    }
}
