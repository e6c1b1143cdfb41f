// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app;

import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: the {@link Desktop} with the real devices, folders and engines. */
public final class DesktopApp extends Application {

    public static final String TITLE = Desktop.TITLE;

    private Desktop desktop;

    static void launchWindow(String[] args) {
        Application.launch(DesktopApp.class, args);
    }

    /** The arguments are files to attach when there are any ("Open with OmniDesk", see {@link OpenFiles}). */
    @Override
    public void start(Stage stage) {
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> System.err.println("omnidesk: " + t.getName() + ": " + e));
        desktop = Desktop.start(stage, AppConfig.system());
        List<Path> files = getParameters().getRaw().stream().map(Path::of).toList();
        if (!files.isEmpty()) {
            desktop.session().attach(files);
        }
    }

    @Override
    public void stop() {
        if (desktop != null) {
            desktop.close();
        }
    }
}
