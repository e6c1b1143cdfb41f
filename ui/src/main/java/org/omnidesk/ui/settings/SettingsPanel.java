// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.settings;

import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** Answer settings (speech, voice, the video's sound), engine and provider, theme, and "Advanced" sampling. */
public final class SettingsPanel {

    public static final String ENGINE_INFO_ID = "engine-info";

    private final VBox box = new VBox(6);

    public SettingsPanel(SettingsViewModel model, Runnable openModelSetup) {
        Label answer = title("Answers");
        CheckBox speech = new CheckBox("Speak answers");
        speech.setId("speech");
        speech.selectedProperty().bindBidirectional(model.speechProperty());
        ComboBox<String> voice = new ComboBox<>();
        voice.getItems().setAll(SettingsViewModel.VOICES);
        voice.setId("voice");
        voice.valueProperty().bindBidirectional(model.voiceProperty());
        voice.disableProperty().bind(model.speechProperty().not());
        CheckBox videoSound = new CheckBox("Use the video's sound");
        videoSound.setId("video-sound");
        videoSound.selectedProperty().bindBidirectional(model.useVideoSoundProperty());

        Label engine = title("Engine");
        ComboBox<String> provider = new ComboBox<>();
        provider.getItems().setAll(SettingsViewModel.PROVIDERS);
        provider.setId("provider");
        provider.setConverter(new StringConverter<>() {
            @Override
            public String toString(String id) {
                return id == null ? "" : EngineSummary.providerLabel(id);
            }

            @Override
            public String fromString(String label) {
                return SettingsViewModel.PROVIDERS.stream()
                        .filter(p -> EngineSummary.providerLabel(p).equals(label)).findFirst().orElse("auto");
            }
        });
        provider.valueProperty().bindBidirectional(model.providerProperty());
        Label info = new Label();
        info.setId(ENGINE_INFO_ID);
        info.setWrapText(true);
        info.getStyleClass().add("engine-info");
        info.textProperty().bind(Bindings.createStringBinding(() -> {
            String note = model.engineNoteProperty().get();
            return EngineSummary.details(model.engineInfoProperty().get()) + (note.isEmpty() ? "" : "\n" + note);
        }, model.engineInfoProperty(), model.engineNoteProperty()));
        Button models = new Button("Model packages…");
        models.setId("models");
        models.setOnAction(e -> openModelSetup.run());

        ComboBox<String> theme = new ComboBox<>();
        theme.getItems().setAll(SettingsViewModel.THEMES);
        theme.setId("theme");
        theme.valueProperty().bindBidirectional(model.themeProperty());

        box.getChildren().addAll(answer, speech, labelled("Voice", voice), videoSound,
                engine, labelled("Provider", provider), info, models, labelled("Theme", theme), advanced(model));
    }

    private static TitledPane advanced(SettingsViewModel model) {
        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(4);
        CheckBox greedy = new CheckBox("Greedy (always the likeliest token)");
        greedy.setId("greedy");
        greedy.selectedProperty().bindBidirectional(model.greedyProperty());
        grid.add(greedy, 0, 0, 2, 1);
        field(grid, 1, "Temperature", "temperature", model.temperatureProperty());
        field(grid, 2, "Top-p", "top-p", model.topPProperty());
        field(grid, 3, "Top-k", "top-k", model.topKProperty());
        field(grid, 4, "Repetition penalty", "repetition-penalty", model.repetitionPenaltyProperty());
        field(grid, 5, "Max new tokens", "max-new-tokens", model.maxNewTokensProperty());
        Label problem = new Label();
        problem.getStyleClass().add("field-problem");
        problem.setWrapText(true);
        problem.textProperty().bind(model.samplingProblemProperty());
        grid.add(problem, 0, 6, 2, 1);
        TitledPane pane = new TitledPane("Advanced", grid);
        pane.setId("advanced");
        pane.setExpanded(false);
        return pane;
    }

    private static void field(GridPane grid, int row, String label, String id, StringProperty value) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText("package default");
        field.setPrefColumnCount(6);
        field.textProperty().bindBidirectional(value);
        grid.addRow(row, new Label(label), field);
    }

    private static Label title(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("panel-title");
        return label;
    }

    private static Node labelled(String text, Node control) {
        GridPane row = new GridPane();
        row.setHgap(6);
        Label label = new Label(text);
        label.setMinWidth(60);
        row.addRow(0, label, control);
        return row;
    }

    public Node node() {
        return box;
    }
}
