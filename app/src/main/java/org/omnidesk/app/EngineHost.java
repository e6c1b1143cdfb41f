// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.omnidesk.app.config.Settings;
import org.omnidesk.app.model.InstalledPackage;
import org.omnidesk.app.remote.RemoteConfig;
import org.omnidesk.app.remote.RemoteConfigStore;
import org.omnidesk.runtime.api.EngineInfo;
import org.omnidesk.runtime.api.EngineOptions;
import org.omnidesk.runtime.api.EngineProvider;
import org.omnidesk.runtime.api.InferenceException;
import org.omnidesk.runtime.api.OmniEngine;

/**
 * Holds the running engine and (re)opens it on the setup thread when the model package or the
 * provider changes; the old engine is closed first (one model in memory at a time). Reports what
 * runs and why to {@code shown}.
 */
public final class EngineHost implements AutoCloseable {

    /** An opened engine and, when it is not what was asked for, why (e.g. a fallback). */
    public record Opened(OmniEngine engine, String note) {}

    /** Opens an engine for the settings and the active package (empty: none installed). */
    @FunctionalInterface
    public interface Factory {
        Opened open(Settings settings, Optional<InstalledPackage> model);
    }

    private final Factory factory;
    private final ExecutorService thread;
    private final BiConsumer<Optional<EngineInfo>, String> shown;
    private final AtomicReference<OmniEngine> engine = new AtomicReference<>();

    public EngineHost(Factory factory, ExecutorService thread, BiConsumer<Optional<EngineInfo>, String> shown) {
        this.factory = factory;
        this.thread = thread;
        this.shown = shown;
    }

    public Optional<OmniEngine> current() {
        return Optional.ofNullable(engine.get());
    }

    public void reopen(Settings settings, Optional<InstalledPackage> model) {
        thread.execute(() -> {
            closeCurrent();
            try {
                Opened opened = factory.open(settings, model);
                engine.set(opened.engine());
                shown.accept(Optional.of(opened.engine().info()), opened.note());
            } catch (InferenceException e) {
                shown.accept(Optional.empty(), e.getMessage());
            }
        });
    }

    private void closeCurrent() {
        OmniEngine old = engine.getAndSet(null);
        if (old != null) {
            old.close();
        }
    }

    @Override
    public void close() {
        closeCurrent();
    }

    /**
     * Engines from {@link EngineProvider}s: the one the settings name ({@code local} by default)
     * with the active package and provider, or for {@code remote} the server saved in
     * {@code remote}; else the {@code scripted} engine with a note saying why.
     */
    public static Factory fromProviders(RemoteConfigStore remote) {
        return (settings, model) -> {
            List<String> names = EngineProvider.available().stream().map(EngineProvider::name).toList();
            boolean isRemote = RemoteConfig.ENGINE.equals(settings.engine());
            Optional<EngineOptions> server = isRemote ? remote.engineOptions() : Optional.empty();
            if (server.isPresent()) {
                return new Opened(EngineProvider.open(RemoteConfig.ENGINE, server.get()), "");
            }
            boolean needsModel = "local".equals(settings.engine());
            if (names.contains(settings.engine()) && !isRemote && (model.isPresent() || !needsModel)) {
                EngineOptions options = new EngineOptions(model.map(m -> Path.of(m.path())), settings.provider(), 0, Map.of());
                return new Opened(EngineProvider.open(settings.engine(), options), "");
            }
            String why = !names.contains(settings.engine())
                    ? "The '" + settings.engine() + "' engine is not in this build"
                    : isRemote ? "No remote server is configured (its URL goes in " + remote.configFile() + ")"
                    : "No model package is set up";
            return new Opened(EngineProvider.open("scripted", new EngineOptions(Optional.empty(), "cpu", 0, Map.of())),
                    why + "; answers come from the scripted engine (no model runs).");
        };
    }
}
