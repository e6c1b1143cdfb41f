// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.omnidesk.ui.MainView;
import org.omnidesk.ui.testing.Screenshots;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Opens the real main window (Monocle headless by default, a real X window with -Dxvfb). */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    private Stage stage;
    private MainView view;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        this.view = DesktopApp.show(stage);
    }

    @Test
    void opensTheMainWindowWithItsHeader(FxRobot robot) throws Exception {
        assertEquals("OmniDesk", stage.getTitle());
        assertTrue(stage.isShowing());
        Label header = robot.lookup("#" + MainView.HEADER_ID).queryAs(Label.class);
        assertEquals("OmniDesk", header.getText());

        Path png = Screenshots.save(stage.getScene(), "main-window");
        assertTrue(Files.size(png) > 1000, "screenshot " + png + " is too small to show the window");
    }

    @Test
    void showsTheFilesItWasOpenedWith(FxRobot robot) throws Exception {
        Path clip = Path.of("/videos/holiday clip.mp4");
        Path photo = Path.of("/photos/cat.png");
        robot.interact(() -> {
            view.attach(clip);
            view.attach(photo);
        });
        Label attachments = robot.lookup("#" + MainView.ATTACHMENTS_ID).queryAs(Label.class);
        assertEquals("Attached: holiday clip.mp4, cat.png", attachments.getText());
        assertEquals(List.of(clip, photo), view.attachments());
    }
}
