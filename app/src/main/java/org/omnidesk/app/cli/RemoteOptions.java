// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.omnidesk.app.remote.RemoteConfig;
import org.omnidesk.app.remote.RemoteConfigStore;
import org.omnidesk.runtime.api.EngineOptions;
import org.omnidesk.runtime.remote.RemoteSettings;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Options of commands that can answer on a vLLM-Omni server instead of the local model
 * ({@code @Mixin RemoteOptions remote;}): {@code --remote URL} uses that server with only the key
 * named by {@code --api-key-env} (the stored key never goes to a URL typed on the command line);
 * a bare {@code --remote} uses the server and key of the remote settings.
 */
public final class RemoteOptions {

    static final String SAVED = "(saved)";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--remote", paramLabel = "URL", arity = "0..1", fallbackValue = SAVED,
            description = "Answer on a vLLM-Omni server, e.g. http://gpu-box:8091/v1 (alone: the server in the remote settings).")
    String remote;

    @Option(names = "--api-key-env", paramLabel = "VAR", description = "Environment variable that holds the server's API key.")
    String apiKeyEnv;

    @Option(names = "--remote-model", paramLabel = "NAME", description = "Model name on the server (default: the server's model).")
    String model;

    @Option(names = "--remote-insecure", description = "Do not verify the server's TLS certificate.")
    boolean insecure;

    public boolean isRemote() {
        return remote != null;
    }

    /** Provider "remote"'s options, or empty without {@code --remote}. */
    public Optional<EngineOptions> engineOptions(RemoteConfigStore store) {
        if (!isRemote()) {
            if (apiKeyEnv != null || model != null || insecure) {
                throw new ParameterException(spec.commandLine(),
                        "--api-key-env, --remote-model and --remote-insecure need --remote URL");
            }
            return Optional.empty();
        }
        Map<String, String> settings = new LinkedHashMap<>();
        if (SAVED.equals(remote)) {
            RemoteConfig saved = store.load();
            if (saved.url().isEmpty()) {
                throw new ParameterException(spec.commandLine(), "No server in the remote settings ("
                        + store.configFile() + "); give one: --remote http://host:8091/v1");
            }
            settings.putAll(RemoteConfigStore.settings(saved,
                    store.hasApiKey() && apiKeyEnv == null ? Optional.of(store.keyFile()) : Optional.empty()));
        } else {
            settings.put(RemoteSettings.URL, remote);
        }
        if (apiKeyEnv != null) {
            settings.put(RemoteSettings.API_KEY_ENV, apiKeyEnv);
        }
        if (model != null) {
            settings.put(RemoteSettings.MODEL, model);
        }
        if (insecure) {
            settings.put(RemoteSettings.TLS_INSECURE, "true");
        }
        return Optional.of(new EngineOptions(Optional.empty(), "auto", 0, settings));
    }
}
