// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import javafx.stage.Window;
import org.omnidesk.app.AppConfig;
import org.omnidesk.app.EngineHost;
import org.omnidesk.app.remote.RemoteConfigStore;
import org.omnidesk.app.config.AppDirs;
import org.omnidesk.app.config.Settings;
import org.omnidesk.app.config.SettingsStore;
import org.omnidesk.app.media.Cameras;
import org.omnidesk.app.media.MediaInputPreparer;
import org.omnidesk.app.media.Microphones;
import org.omnidesk.app.model.PackageDownloader;
import org.omnidesk.runtime.fake.Pacing;
import org.omnidesk.runtime.fake.Script;
import org.omnidesk.runtime.fake.ScriptedEngine;
import org.omnidesk.ui.FilePicker;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Everything a desktop test needs: folders under a temp dir, the scripted engine (at a test
 * pace), a file-backed microphone, a recording speaker and a file picker that returns what the
 * test queued. The real media front end, history, settings and package code run unchanged.
 */
public final class TestDesktop {

    /** 10 ms per delta, 20 ms of 24 kHz speech per delta: a 40-word answer speaks for 0.8 s. */
    public static final Pacing QUICK = new Pacing(Duration.ofMillis(10), 24_000, 480, 2);

    public final Path home;
    public final AppDirs dirs;
    public final TestSpeaker speaker = new TestSpeaker();
    public final List<ScriptedEngine> engines = new CopyOnWriteArrayList<>();
    public final List<Path> pickedMedia = new ArrayList<>();
    public final List<Path> pickedPackages = new ArrayList<>();
    private Pacing pacing = QUICK;
    private Script script = Script.DESCRIBE;
    private Path microphoneFile;
    private Path cameraFile;
    private LongSupplier clock = System::currentTimeMillis;
    private EngineHost.Factory engineFactory;

    public TestDesktop(Path home) {
        this.home = home;
        this.dirs = AppDirs.under(home);
    }

    /** Writes default settings, so the app starts as it does after its first run (no setup screen). */
    public TestDesktop notFirstStart() {
        new SettingsStore(dirs.settingsFile()).save(Settings.defaults());
        return this;
    }

    public TestDesktop pacing(Pacing p) {
        pacing = p;
        return this;
    }

    public TestDesktop script(Script s) {
        script = s;
        return this;
    }

    /** The engines the providers offer (the local ONNX Runtime engine with an installed package), not the scripted one. */
    public TestDesktop realEngines() {
        engineFactory = EngineHost.fromProviders(RemoteConfigStore.in(dirs));
        return this;
    }

    /** A fixed clock, for exports with known times. */
    public TestDesktop clock(long epochMillis) {
        clock = () -> epochMillis;
        return this;
    }

    /** Opens engines with {@code factory} (e.g. the app's own, for the remote engine) instead of the scripted one. */
    public TestDesktop engines(EngineHost.Factory factory) {
        engineFactory = factory;
        return this;
    }

    public TestDesktop camera(Path video) {
        cameraFile = video;
        return this;
    }

    public TestDesktop microphone(Path file) {
        microphoneFile = file;
        return this;
    }

    public ScriptedEngine engine() {
        return engines.get(engines.size() - 1);
    }

    public AppConfig config(Optional<Path> selfTest) {
        EngineHost.Factory factory = engineFactory != null ? engineFactory : (settings, model) -> {
            ScriptedEngine e = new ScriptedEngine(script, pacing);
            engines.add(e);
            return new EngineHost.Opened(e, "");
        };
        Microphones mics = microphoneFile == null ? Microphones.file(home.resolve("no-microphone.wav"))
                : Microphones.file(microphoneFile);
        Cameras cameras = cameraFile == null ? Cameras.file(home.resolve("no-camera.mp4")) : Cameras.file(cameraFile);
        return new AppConfig(dirs, factory, new MediaInputPreparer(), mics, cameras, speaker, picker(),
                PackageDownloader.standard(), selfTest, clock, ZoneOffset.UTC);
    }

    private FilePicker picker() {
        return new FilePicker() {
            @Override
            public List<Path> openMedia(Window owner) {
                List<Path> out = List.copyOf(pickedMedia);
                pickedMedia.clear();
                return out;
            }

            @Override
            public Optional<Path> openPackage(Window owner, boolean folder) {
                return pickedPackages.isEmpty() ? Optional.empty() : Optional.of(pickedPackages.remove(0));
            }

            @Override
            public Optional<Path> save(Window owner, String suggestedName) {
                return Optional.of(home.resolve(suggestedName));
            }
        };
    }

    /** Waits (FX events included) until {@code condition} holds; fails with {@code what} after {@code seconds}. */
    public static void await(String what, double seconds, BooleanSupplier condition) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
            }
            WaitForAsyncUtils.sleep(10, TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
        }
    }
}
