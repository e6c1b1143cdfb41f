// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.camera;

import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import org.omnidesk.ui.fx.ArgbImage;
import org.omnidesk.ui.fx.FxImages;

/**
 * Live camera picture. Every frame is copied into ONE {@link WritableImage}, made again only when
 * the frame size changes, so a running camera allocates no images (and no textures) per frame.
 */
public final class CameraPreview extends StackPane {

    public static final String ID = "camera-preview";

    private final ImageView view = new ImageView();
    private final Label placeholder = new Label("Camera off");
    private WritableImage image;

    public CameraPreview(ObservableValue<ArgbImage> frames) {
        setId(ID);
        getStyleClass().add("camera-preview");
        view.setPreserveRatio(true);
        view.setFitWidth(240);
        view.setFitHeight(180);
        placeholder.getStyleClass().add("camera-placeholder");
        getChildren().addAll(placeholder, view);
        setMinSize(240, 180);
        setPrefSize(240, 180);
        frames.addListener((obs, was, now) -> show(now));
    }

    /** The image the preview draws into (tests check that it stays the same object). */
    public WritableImage image() {
        return image;
    }

    private void show(ArgbImage frame) {
        if (frame == null) {
            view.setImage(null);
            placeholder.setVisible(true);
            return;
        }
        if (image == null || (int) image.getWidth() != frame.width() || (int) image.getHeight() != frame.height()) {
            image = new WritableImage(frame.width(), frame.height());
            view.setImage(image);
        }
        FxImages.write(frame, image);
        placeholder.setVisible(false);
    }
}
