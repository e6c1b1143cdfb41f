// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javafx.beans.Observable;
import org.omnidesk.app.config.Settings;
import org.omnidesk.app.config.SettingsStore;
import org.omnidesk.ui.MainViewModel;
import org.omnidesk.ui.settings.SettingsViewModel;

/**
 * Keeps the settings file, the current {@link Settings} (read by any thread) and the view
 * models in step: the view models are filled from the file at start, and every change the user
 * makes is validated, made current and saved on the io thread. A change of engine, provider or
 * model calls {@code engineChanged}.
 */
final class SettingsSync {

    private final AtomicReference<Settings> current;
    private final SettingsStore store;
    private final Executor io;
    private final MainViewModel view;
    private final Consumer<Settings> engineChanged;

    SettingsSync(Settings initial, SettingsStore store, Executor io, MainViewModel view, Consumer<Settings> engineChanged) {
        this.current = new AtomicReference<>(initial);
        this.store = store;
        this.io = io;
        this.view = view;
        this.engineChanged = engineChanged;
    }

    Settings get() {
        return current.get();
    }

    /** Fills the view models and starts following them (FX thread). */
    void bind() {
        Settings s = current.get();
        SettingsViewModel vm = view.settings();
        vm.voiceProperty().set(s.voice());
        vm.speechProperty().set(s.speech());
        vm.providerProperty().set(s.provider());
        vm.themeProperty().set(s.theme());
        vm.useVideoSoundProperty().set(s.useVideoSound());
        vm.greedyProperty().set(s.sampling().greedy());
        vm.temperatureProperty().set(text(s.sampling().temperature()));
        vm.topPProperty().set(text(s.sampling().topP()));
        vm.topKProperty().set(text(s.sampling().topK()));
        vm.repetitionPenaltyProperty().set(text(s.sampling().repetitionPenalty()));
        vm.maxNewTokensProperty().set(text(s.sampling().maxNewTokens()));
        view.voice().handsFreeProperty().set(s.handsFree());
        view.voice().bargeInProperty().set(s.bargeIn());
        Observable[] followed = {vm.voiceProperty(), vm.speechProperty(), vm.providerProperty(), vm.themeProperty(),
            vm.useVideoSoundProperty(), vm.greedyProperty(), vm.temperatureProperty(), vm.topPProperty(), vm.topKProperty(),
            vm.repetitionPenaltyProperty(), vm.maxNewTokensProperty(), view.voice().handsFreeProperty(),
            view.voice().bargeInProperty(), view.voice().microphoneProperty(), view.camera().cameraProperty()};
        for (Observable o : followed) {
            o.addListener(x -> fromView());
        }
    }

    /** Applies a change that does not come from the view (active model, window bounds) and saves it. */
    void update(UnaryOperator<Settings> change) {
        Settings before;
        Settings after;
        do {    // the FX thread and the setup thread both change settings
            before = current.get();
            after = change.apply(before);
        } while (!current.compareAndSet(before, after));
        save(before, after);
    }

    private void fromView() {
        SettingsViewModel vm = view.settings();
        Settings.Sampling sampling;
        try {
            sampling = new Settings.Sampling(vm.greedyProperty().get(),
                    decimal("Temperature", vm.temperatureProperty().get()), decimal("Top-p", vm.topPProperty().get()),
                    integer("Top-k", vm.topKProperty().get()),
                    decimal("Repetition penalty", vm.repetitionPenaltyProperty().get()),
                    integer("Max new tokens", vm.maxNewTokensProperty().get()));
            vm.setSamplingProblem("");
        } catch (IllegalArgumentException e) {
            vm.setSamplingProblem(e.getMessage() + "; the previous value stays in use");
            sampling = current.get().sampling();
        }
        Settings.Sampling chosen = sampling;
        update(s -> new Settings(vm.voiceProperty().get(), vm.speechProperty().get(), vm.providerProperty().get(),
                vm.themeProperty().get(), vm.useVideoSoundProperty().get(), view.voice().handsFreeProperty().get(),
                view.voice().bargeInProperty().get(), view.voice().microphoneProperty().get(),
                view.camera().cameraProperty().get(), s.engine(), s.activeModel(), chosen, s.window()));
    }

    private void save(Settings before, Settings after) {
        io.execute(() -> store.save(current.get()));    // the newest, whatever order the saves run in
        if (!Objects.equals(before.provider(), after.provider()) || !Objects.equals(before.engine(), after.engine())
                || !Objects.equals(before.activeModel(), after.activeModel())) {
            engineChanged.accept(after);
        }
    }

    private static String text(Number n) {
        return n == null ? "" : n.toString();
    }

    private static Double decimal(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + text.strip() + "' is not a number");
        }
    }

    private static Integer integer(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + text.strip() + "' is not a whole number");
        }
    }
}
