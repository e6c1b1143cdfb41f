// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.api;

import java.util.List;

/**
 * What an engine runs, for {@code omnidesk doctor} and the UI: the model, whether its weights are
 * random (self-test), where it runs (local providers per graph, or a remote host).
 */
public record EngineInfo(String engine, String modelName, boolean randomWeights,
                         List<GraphPlacement> graphs, String location) {

    /** One graph's execution provider and the reason it was chosen (or others skipped). */
    public record GraphPlacement(String graph, String provider, String reason) {}
}
