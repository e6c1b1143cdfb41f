// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.omnidesk.app.testing.TestDesktop;
import org.omnidesk.ui.MainView;
import org.omnidesk.ui.testing.Screenshots;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** Opens the real main window (Monocle headless by default, a real X window with -Dxvfb). */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    @TempDir
    static Path home;

    private Stage stage;
    private Desktop desktop;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        desktop = Desktop.start(stage, new TestDesktop(home).config(Optional.empty()));
    }

    @Stop
    void stop() {
        desktop.close();
    }

    @Test
    void opensTheMainWindowWithItsHeaderAndTheSetupScreenOnFirstStart(FxRobot robot) throws Exception {
        assertEquals("OmniDesk", stage.getTitle());
        assertTrue(stage.isShowing());
        Label header = robot.lookup("#" + MainView.HEADER_ID).queryAs(Label.class);
        assertEquals("OmniDesk", header.getText());
        assertTrue(robot.lookup("#setup").query().isVisible(), "first start offers model setup");

        Path png = Screenshots.save(stage.getScene(), "main-window");
        assertTrue(Files.size(png) > 1000, "screenshot " + png + " is too small to show the window");
    }
}
