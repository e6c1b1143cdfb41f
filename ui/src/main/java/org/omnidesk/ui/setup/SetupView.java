// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.setup;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.omnidesk.ui.FilePicker;

/**
 * Model setup, shown over the window on first start (and from Settings): import a package folder
 * or .zip, download one from a URL or Hugging Face repo id, or use the self-test model.
 */
public final class SetupView {

    public static final String ID = "setup";
    public static final String PROBLEM_ID = "setup-problem";

    private final StackPane overlay = new StackPane();

    public SetupView(SetupViewModel model, SetupActions actions, FilePicker picker) {
        Label title = new Label("Set up a model");
        title.getStyleClass().add("setup-title");
        Label intro = new Label("OmniDesk runs Qwen2.5-Omni on this computer. It needs a model package: a folder "
                + "with omni-package.json, made by the exporter in packaging/export, as a folder or a .zip.");
        intro.setWrapText(true);

        Button folder = new Button("Import folder…");
        folder.setId("import-folder");
        folder.setOnAction(e -> picker.openPackage(window(), true).ifPresent(actions::importPackage));
        Button zip = new Button("Import .zip…");
        zip.setId("import-zip");
        zip.setOnAction(e -> picker.openPackage(window(), false).ifPresent(actions::importPackage));

        TextField source = new TextField();
        source.setId("download-source");
        source.setPromptText("https://…/package.zip or a Hugging Face repo id (owner/name)");
        source.textProperty().bindBidirectional(model.sourceProperty());
        HBox.setHgrow(source, Priority.ALWAYS);
        TextField sha = new TextField();
        sha.setId("download-sha256");
        sha.setPromptText("SHA-256 (optional for a .zip)");
        sha.textProperty().bindBidirectional(model.sha256Property());
        Button download = new Button("Download");
        download.setId("download");
        download.setOnAction(e -> actions.download(model.sourceProperty().get().strip(), model.sha256Property().get().strip()));
        download.disableProperty().bind(model.sourceProperty().isEmpty());
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-download");
        cancel.setOnAction(e -> actions.cancelDownload());
        cancel.visibleProperty().bind(model.busyProperty());

        ProgressBar bar = new ProgressBar();
        bar.setId("setup-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(model.progressProperty());
        bar.visibleProperty().bind(model.busyProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        Label status = new Label();
        status.setId("setup-status");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        status.managedProperty().bind(model.statusProperty().isNotEmpty());
        Label problem = new Label();
        problem.setId(PROBLEM_ID);
        problem.getStyleClass().add("setup-problem");
        problem.setWrapText(true);
        problem.textProperty().bind(model.problemProperty());
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        Button selfTest = new Button("Use the self-test model (random weights: answers are noise)");
        selfTest.setId("self-test");
        selfTest.setOnAction(e -> actions.useSelfTest());

        ListView<PackageItem> installed = new ListView<>(model.packages());
        installed.setId("installed-packages");
        installed.setPrefHeight(110);
        installed.setPlaceholder(new Label("No model package installed yet"));
        installed.setOnMouseClicked(e -> {
            PackageItem item = installed.getSelectionModel().getSelectedItem();
            if (item != null && e.getClickCount() == 2) {
                actions.activate(item.id());
            }
        });
        Button close = new Button("Not now");
        close.setId("setup-close");
        close.setOnAction(e -> actions.close());

        folder.disableProperty().bind(model.busyProperty());
        zip.disableProperty().bind(model.busyProperty());
        selfTest.disableProperty().bind(model.busyProperty());

        VBox card = new VBox(10, title, intro, new HBox(8, folder, zip), new Label("Download"),
                new HBox(8, source, sha, download, cancel), bar, status, problem, selfTest,
                new Label("Installed (double-click to use)"), installed, close);
        card.getStyleClass().add("setup-card");
        card.setMaxWidth(680);
        card.setMaxHeight(Region.USE_PREF_SIZE);
        StackPane.setAlignment(card, Pos.CENTER);
        overlay.setId(ID);
        overlay.getStyleClass().add("setup-overlay");
        overlay.getChildren().add(card);
        overlay.visibleProperty().bind(model.visibleProperty());
        close.disableProperty().bind(model.busyProperty());
    }

    private Window window() {
        return overlay.getScene() == null ? null : overlay.getScene().getWindow();
    }

    public Node node() {
        return overlay;
    }
}
