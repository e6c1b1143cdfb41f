// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.omnidesk.runtime.api.EngineInfo;

/** What runs and why, as text for the settings panel and the header. */
public final class EngineSummary {

    /** How a remote engine's {@link EngineInfo#location()} starts ("remote: host:port"). */
    static final String REMOTE = "remote: ";

    private EngineSummary() {
    }

    /**
     * Short form for the header, e.g. "Qwen2.5-Omni-3B · CUDA+CPU", "Qwen/Qwen2.5-Omni-7B · vLLM-Omni ·
     * remote: gpu-box:8091" (a server always shows where it is) or "no engine".
     */
    public static String headline(Optional<EngineInfo> info) {
        return info.map(i -> {
            String providers = i.graphs().stream().map(EngineInfo.GraphPlacement::provider)
                    .filter(p -> !"none".equals(p)).map(EngineSummary::providerLabel).distinct()
                    .collect(Collectors.joining("+"));
            boolean saysSo = i.modelName().toLowerCase(Locale.ROOT).contains("random weights");
            return i.modelName() + (i.randomWeights() && !saysSo ? " (random weights)" : "")
                    + (providers.isEmpty() ? "" : " · " + providers)
                    + (i.location().startsWith(REMOTE) ? " · " + i.location() : "");
        }).orElse("no engine");
    }

    /** Graphs grouped by where they run and why: "audio_encoder, vision_encoder → CUDA: reason". */
    public static String details(Optional<EngineInfo> info) {
        if (info.isEmpty()) {
            return "No engine is running. Set up a model package.";
        }
        EngineInfo i = info.get();
        StringBuilder b = new StringBuilder("Engine: ").append(i.engine()).append(" · ").append(i.modelName());
        if (i.randomWeights()) {
            b.append(" · RANDOM WEIGHTS (self-test: answers are noise)");
        }
        b.append("\nWhere: ").append(i.location());
        Map<List<String>, List<String>> byPlacement = new LinkedHashMap<>();
        for (EngineInfo.GraphPlacement g : i.graphs()) {
            String reason = g.reason() == null ? "" : g.reason().strip();
            byPlacement.computeIfAbsent(List.of(providerLabel(g.provider()), reason), k -> new ArrayList<>()).add(g.graph());
        }
        byPlacement.forEach((placement, graphs) -> {
            b.append("\n• ").append(String.join(", ", graphs)).append(" → ").append(placement.get(0));
            if (!placement.get(1).isEmpty()) {
                b.append(": ").append(placement.get(1));
            }
        });
        return b.toString();
    }

    public static String providerLabel(String provider) {
        // ONNX Runtime names them CPUExecutionProvider, CUDAExecutionProvider, DmlExecutionProvider.
        return switch (provider.toLowerCase(Locale.ROOT).replace("executionprovider", "")) {
            case "auto" -> "Automatic";
            case "cuda" -> "CUDA";
            case "directml", "dml" -> "DirectML";
            case "cpu" -> "CPU";
            default -> provider;
        };
    }
}
