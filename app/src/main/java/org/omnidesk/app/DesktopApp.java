// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app;

import java.nio.file.Path;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.omnidesk.ui.MainView;

/** The JavaFX application: builds the main window around the UI module's root view. */
public final class DesktopApp extends Application {

    public static final String TITLE = "OmniDesk";

    static void launchWindow(String[] args) {
        Application.launch(DesktopApp.class, args);
    }

    /** The arguments are files to attach when there are any ("Open with OmniDesk", see {@link OpenFiles}). */
    @Override
    public void start(Stage stage) {
        MainView view = show(stage);
        getParameters().getRaw().forEach(file -> view.attach(Path.of(file)));
    }

    /** Fills and shows {@code stage}; shared by {@link #start} and the UI tests. */
    public static MainView show(Stage stage) {
        MainView view = new MainView();
        stage.setTitle(TITLE);
        stage.setScene(new Scene(view.root(), 960, 640));
        stage.show();
        return view;
    }
}
