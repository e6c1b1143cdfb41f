// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;

/** The main window's content. */
public final class MainView {
    public static final String HEADER_ID = "header";
    public static final String ATTACHMENTS_ID = "attachments";

    private final BorderPane root = new BorderPane();
    private final Label attachmentsLabel = new Label();
    private final List<Path> attachments = new ArrayList<>();

    public MainView() {
        Label header = new Label("OmniDesk");
        header.setId(HEADER_ID);
        header.setStyle("-fx-font-size: 20px; -fx-font-weight: bold;");
        BorderPane.setMargin(header, new Insets(12));
        root.setTop(header);
        Label hint = new Label("Drop a video, image or audio file here, or press Space to talk.");
        hint.setId("hint");
        root.setCenter(hint);
        attachmentsLabel.setId(ATTACHMENTS_ID);
        BorderPane.setMargin(attachmentsLabel, new Insets(12));
        root.setBottom(attachmentsLabel);
    }

    public Parent root() {
        return root;
    }

    /** Attaches a file to the next question, as dropping it on the window does ("Open with OmniDesk"). */
    public void attach(Path file) {
        attachments.add(file);
        attachmentsLabel.setText("Attached: " + attachments.stream()
                .map(p -> String.valueOf(p.getFileName())).collect(Collectors.joining(", ")));
    }

    public List<Path> attachments() {
        return List.copyOf(attachments);
    }
}
