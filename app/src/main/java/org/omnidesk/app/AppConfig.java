// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.omnidesk.app.config.AppDirs;
import org.omnidesk.app.media.Cameras;
import org.omnidesk.app.media.InputPreparer;
import org.omnidesk.app.media.MediaInputPreparer;
import org.omnidesk.app.media.Microphones;
import org.omnidesk.app.media.Speaker;
import org.omnidesk.app.model.PackageDownloader;
import org.omnidesk.app.remote.RemoteConfigStore;
import org.omnidesk.ui.FilePicker;

/**
 * What the desktop app is built from: its folders, the engine factory and the edges to the
 * outside world (files, microphone, speaker, file dialogs, network, clock). {@link #system()}
 * is the real thing; tests pass file-backed devices, a recording speaker and a scripted engine.
 */
public record AppConfig(AppDirs dirs, EngineHost.Factory engines, InputPreparer files, Microphones microphones,
                        Cameras cameras, Speaker speaker, FilePicker picker, PackageDownloader downloader, Optional<Path> selfTestPackage,
                        LongSupplier clock, ZoneId zone) {

    /** {@code -Domnidesk.microphone.file=F} makes a file the microphone (machines without one, demos). */
    public static final String MICROPHONE_FILE_PROPERTY = "omnidesk.microphone.file";
    /** {@code -Domnidesk.camera.file=F} makes a video file the camera. */
    public static final String CAMERA_FILE_PROPERTY = "omnidesk.camera.file";

    public static AppConfig system() {
        String micFile = System.getProperty(MICROPHONE_FILE_PROPERTY);
        AppDirs dirs = AppDirs.current();
        String cameraFile = System.getProperty(CAMERA_FILE_PROPERTY);
        return new AppConfig(dirs, EngineHost.fromProviders(RemoteConfigStore.in(dirs)), new MediaInputPreparer(),
                micFile == null ? Microphones.system() : Microphones.file(Path.of(micFile)),
                cameraFile == null ? Cameras.system() : Cameras.file(Path.of(cameraFile)), Speaker.system(),
                FilePicker.system(), PackageDownloader.standard(), bundledSelfTest(), System::currentTimeMillis,
                ZoneId.systemDefault());
    }

    /** The tiny random-weights package: beside the app ({@code omnidesk.root}) or where {@code omnidesk.selftest} says. */
    static Optional<Path> bundledSelfTest() {
        String explicit = System.getProperty("omnidesk.selftest");
        if (explicit != null) {
            return Optional.of(Path.of(explicit));
        }
        String root = System.getProperty("omnidesk.root");
        return Optional.ofNullable(root).map(r -> Path.of(r, "packaging", "export", "tiny", "package")).filter(Files::isDirectory);
    }
}
