// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.camera;

import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Camera toggle, picker, live preview and what is wrong with the camera, if anything. */
public final class CameraPanel {

    private final VBox box = new VBox(6);
    private final CameraPreview preview;

    public CameraPanel(CameraViewModel model) {
        Label title = new Label("Camera");
        title.getStyleClass().add("panel-title");
        ToggleButton toggle = new ToggleButton("Camera");
        toggle.setId("camera-toggle");
        toggle.selectedProperty().bindBidirectional(model.enabledProperty());
        ComboBox<String> cameras = new ComboBox<>(model.cameras());
        cameras.setId("camera-picker");
        cameras.setPromptText("No camera found");
        cameras.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(cameras, Priority.ALWAYS);
        cameras.valueProperty().bindBidirectional(model.cameraProperty());
        preview = new CameraPreview(model.frameProperty());
        Label problem = new Label();
        problem.getStyleClass().add("camera-problem");
        problem.setWrapText(true);
        problem.textProperty().bind(model.problemProperty());
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        box.getChildren().addAll(title, new HBox(6, toggle, cameras), preview, problem);
    }

    public Node node() {
        return box;
    }

    public CameraPreview preview() {
        return preview;
    }
}
