// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.omnidesk.app.config.Settings;
import org.omnidesk.app.config.SettingsStore;
import org.omnidesk.app.history.HistoryStore;
import org.omnidesk.app.model.InstalledPackage;
import org.omnidesk.app.model.ModelManager;
import org.omnidesk.app.model.PackageInstaller;
import org.omnidesk.app.model.SetupController;
import org.omnidesk.app.session.AssistantSession;
import org.omnidesk.capture.api.AudioDevice;
import org.omnidesk.capture.api.CameraDevice;
import org.omnidesk.capture.api.CaptureDiagnostics;
import org.omnidesk.ui.MainView;
import org.omnidesk.ui.MainViewModel;
import org.omnidesk.ui.camera.CameraViewModel;
import org.omnidesk.ui.fx.FxBridge;

/**
 * One running desktop app: threads, settings, history, engine, session and the window. Built on
 * the FX thread by {@link #start}; {@link #close} saves the window bounds, stops the answer and the
 * devices, finishes the history writes and closes the engine.
 */
public final class Desktop implements AutoCloseable {

    public static final String TITLE = "OmniDesk";

    private final Stage stage;
    private final AppThreads threads;
    private final HistoryStore history;
    private final EngineHost engines;
    private final SettingsSync settings;
    private final AssistantSession session;
    private final MainViewModel model;
    private final MainView view;

    private Desktop(Stage stage, AppConfig config) {
        this.stage = stage;
        this.threads = new AppThreads();
        FxBridge fx = new FxBridge();
        this.model = new MainViewModel();
        boolean firstStart = !Files.exists(config.dirs().settingsFile());
        SettingsStore store = new SettingsStore(config.dirs().settingsFile());
        Settings initial = store.load();
        this.history = HistoryStore.open(config.dirs().historyDatabase());
        ModelManager models = new ModelManager(config.dirs().modelsFolder());
        this.engines = new EngineHost(config.engines(), threads.setup,
                (info, note) -> fx.post(() -> model.settings().setEngine(info, note)));
        this.settings = new SettingsSync(initial, store, threads.io, model, s -> engines.reopen(s, activeModel(models, s)));
        this.session = new AssistantSession(model, fx, threads, new AssistantSession.Ports(engines::current, settings::get,
                config.files(), config.microphones(), config.cameras(), config.speaker(), history, config.clock(), config.zone()));
        SetupController setup = new SetupController(model.setup(), fx, threads.setup,
                new PackageInstaller(models, config.downloader(), config.clock()), models, config.selfTestPackage(),
                () -> settings.get().activeModel(), pkg -> settings.update(s -> s.withActiveModel(pkg.id())), () -> { });
        this.view = new MainView(model, session, session, setup, config.picker());
        settings.bind();
        store.problem().ifPresent(p -> model.chat().addError(p));

        stage.setTitle(TITLE);
        Settings.WindowBounds bounds = Optional.ofNullable(initial.window()).filter(Desktop::onScreen)
                .orElse(new Settings.WindowBounds(Double.NaN, Double.NaN, 1180, 760, false));
        stage.setScene(new Scene(view.root(), bounds.width(), bounds.height()));
        if (!Double.isNaN(bounds.x())) {
            stage.setX(bounds.x());
            stage.setY(bounds.y());
        }
        stage.setMaximized(bounds.maximized());
        stage.show();

        engines.reopen(initial, activeModel(models, initial));
        setup.refresh();
        if (firstStart && models.list().isEmpty()) {
            model.setup().show(true);
        }
        listMicrophones(config, fx);
        listCameras(config, fx);
    }

    /** Builds the app into {@code stage} and shows it (FX thread). */
    public static Desktop start(Stage stage, AppConfig config) {
        return new Desktop(stage, config);
    }

    private void listMicrophones(AppConfig config, FxBridge fx) {
        threads.media.execute(() -> {
            // Load FFmpeg's natives now, not when the user first presses talk (that costs ~0.5 s of their words).
            CaptureDiagnostics.ffmpegVersion();
            List<AudioDevice> devices = config.microphones().devices();
            fx.post(() -> {
                model.voice().microphoneProperty().addListener((obs, was, now) -> session.useMicrophone(
                        devices.stream().filter(d -> d.name().equals(now)).findFirst().orElse(null)));
                String remembered = settings.get().microphone();
                model.voice().setMicrophones(devices.stream().map(AudioDevice::name).toList());
                if (remembered != null && model.voice().microphones().contains(remembered)) {
                    model.voice().microphoneProperty().set(remembered);
                }
                String chosen = model.voice().microphoneProperty().get();
                session.useMicrophone(devices.stream().filter(d -> d.name().equals(chosen)).findFirst().orElse(null));
                // Hands-free listens once a microphone is chosen.
                session.handsFree(model.voice().handsFreeProperty().get());
                model.voice().handsFreeProperty().addListener((obs, was, now) -> session.handsFree(now));
            });
        });
    }

    /** Lists the cameras; the toggle and the picker then turn one on or off. */
    private void listCameras(AppConfig config, FxBridge fx) {
        threads.media.execute(() -> {
            List<CameraDevice> devices = config.cameras().devices();
            fx.post(() -> {
                CameraViewModel camera = model.camera();
                String remembered = settings.get().camera();
                camera.setCameras(devices.stream().map(CameraDevice::name).toList());
                if (remembered != null && camera.cameras().contains(remembered)) {
                    camera.cameraProperty().set(remembered);
                }
                Runnable apply = () -> session.useCamera(camera.enabledProperty().get()
                        ? devices.stream().filter(d -> d.name().equals(camera.cameraProperty().get())).findFirst().orElse(null)
                        : null);
                camera.enabledProperty().addListener((obs, was, now) -> apply.run());
                camera.cameraProperty().addListener((obs, was, now) -> {
                    if (camera.enabledProperty().get()) {
                        apply.run();
                    }
                });
            });
        });
    }

    private static Optional<InstalledPackage> activeModel(ModelManager models, Settings s) {
        List<InstalledPackage> all = models.list();
        return all.stream().filter(p -> p.id().equals(s.activeModel())).findFirst()
                .or(() -> all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1)));
    }

    private static boolean onScreen(Settings.WindowBounds b) {
        return !Screen.getScreensForRectangle(new Rectangle2D(b.x(), b.y(), b.width(), b.height())).isEmpty();
    }

    public MainViewModel model() {
        return model;
    }

    public MainView view() {
        return view;
    }

    public AssistantSession session() {
        return session;
    }

    public Stage stage() {
        return stage;
    }

    /** Saves the window bounds (FX thread), then shuts everything down, the history writes last. */
    @Override
    public void close() {
        if (stage.getWidth() >= 200 && stage.getHeight() >= 150) {
            Settings.WindowBounds bounds = new Settings.WindowBounds(stage.getX(), stage.getY(), stage.getWidth(),
                    stage.getHeight(), stage.isMaximized());
            settings.update(s -> s.withWindow(bounds));
        }
        session.close();
        engines.close();    // cancels the answer in flight and lets its end reach the io thread
        threads.close();    // io finishes its writes
        history.close();
    }
}
