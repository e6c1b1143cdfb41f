// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.api;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Service-provider interface for engines ({@code local}, {@code remote}, {@code scripted}),
 * found through {@link ServiceLoader} so callers never name an implementation class.
 */
public interface EngineProvider {

    /** The name users pick, e.g. {@code local}. */
    String name();

    OmniEngine open(EngineOptions options);

    static List<EngineProvider> available() {
        List<EngineProvider> providers = new ArrayList<>();
        ServiceLoader.load(EngineProvider.class).forEach(providers::add);
        return providers;
    }

    static OmniEngine open(String name, EngineOptions options) {
        return available().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new InferenceException(ErrorKind.INTERNAL,
                        "No engine named '" + name + "'; available: "
                                + available().stream().map(EngineProvider::name).toList()))
                .open(options);
    }
}
