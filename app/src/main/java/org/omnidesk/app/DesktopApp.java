// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app;

import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: the {@link Desktop} with the real devices, folders and engines. */
public final class DesktopApp extends Application {

    public static final String TITLE = Desktop.TITLE;

    private Desktop desktop;

    static void launchWindow(String[] args) {
        Application.launch(DesktopApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> System.err.println("omnidesk: " + t.getName() + ": " + e));
        desktop = Desktop.start(stage, AppConfig.system());
    }

    @Override
    public void stop() {
        if (desktop != null) {
            desktop.close();
        }
    }
}
