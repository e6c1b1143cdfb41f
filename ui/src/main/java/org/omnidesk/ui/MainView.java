// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui;

import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;

/** The main window's content. */
public final class MainView {
    public static final String HEADER_ID = "header";

    private final BorderPane root = new BorderPane();

    public MainView() {
        Label header = new Label("OmniDesk");
        header.setId(HEADER_ID);
        header.setStyle("-fx-font-size: 20px; -fx-font-weight: bold;");
        BorderPane.setMargin(header, new Insets(12));
        root.setTop(header);
        Label hint = new Label("Drop a video, image or audio file here, or press Space to talk.");
        hint.setId("hint");
        root.setCenter(hint);
    }

    public Parent root() {
        return root;
    }
}
