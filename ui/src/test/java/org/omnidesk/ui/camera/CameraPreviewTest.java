// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.omnidesk.ui.fx.ArgbImage;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class CameraPreviewTest {

    private final CameraViewModel model = new CameraViewModel();
    private CameraPreview preview;

    @Start
    void start(Stage stage) {
        CameraPanel panel = new CameraPanel(model);
        preview = panel.preview();
        stage.setScene(new Scene(new StackPane(panel.node()), 300, 300));
        stage.show();
    }

    private static ArgbImage frame(int w, int h, int argb) {
        int[] pixels = new int[w * h];
        Arrays.fill(pixels, argb);
        return new ArgbImage(w, h, pixels);
    }

    @Test
    void everyFrameGoesIntoTheSameWritableImage(FxRobot robot) {
        robot.interact(() -> model.showFrame(frame(64, 48, 0xFF102030)));
        WritableImage first = preview.image();
        for (int i = 0; i < 30; i++) {
            int shade = 0xFF000000 | (i * 8) << 16;
            robot.interact(() -> model.showFrame(frame(64, 48, shade)));
            assertSame(first, preview.image(), "frame " + i + " made a new image");
        }
        assertEquals(0xFFE80000, first.getPixelReader().getArgb(10, 10), "the last frame's pixels are shown");

        robot.interact(() -> model.showFrame(frame(32, 24, 0xFF00FF00)));
        assertNotSame(first, preview.image(), "a new size needs a new image");
        assertEquals(32, (int) preview.image().getWidth());
    }
}
