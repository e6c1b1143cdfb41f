// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.api;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * How to open an engine: the model package folder (local), the execution provider choice
 * ({@code auto | cuda | directml | cpu}), ONNX Runtime intra-op threads (0 = its default), and
 * provider-specific settings (e.g. a remote engine's base URL).
 */
public record EngineOptions(Optional<Path> modelDir, String provider, int intraOpThreads,
                            Map<String, String> settings) {

    public EngineOptions {
        settings = Map.copyOf(settings);
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intraOpThreads must be >= 0");
        }
    }

    public static EngineOptions local(Path modelDir) {
        return new EngineOptions(Optional.of(modelDir), "auto", 0, Map.of());
    }
}
