// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.voice;

import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

/** Microphone picker, level meter, hands-free and barge-in switches. */
public final class VoicePanel {

    public static final String LEVEL_ID = "mic-level";

    private final VBox box = new VBox(6);

    public VoicePanel(VoiceViewModel model) {
        Label title = new Label("Voice input");
        title.getStyleClass().add("panel-title");
        ComboBox<String> mics = new ComboBox<>(model.microphones());
        mics.setId("microphone");
        mics.setPromptText("No microphone found");
        mics.setMaxWidth(Double.MAX_VALUE);
        mics.valueProperty().bindBidirectional(model.microphoneProperty());
        ProgressBar meter = new ProgressBar();
        meter.setId(LEVEL_ID);
        meter.getStyleClass().add("level-meter");
        meter.setMaxWidth(Double.MAX_VALUE);
        meter.progressProperty().bind(model.levelProperty());
        CheckBox handsFree = new CheckBox("Hands-free (talk without holding)");
        handsFree.setId("hands-free");
        handsFree.selectedProperty().bindBidirectional(model.handsFreeProperty());
        handsFree.setTooltip(new Tooltip("Listens all the time and sends when you pause"));
        CheckBox bargeIn = new CheckBox("Interrupt by speaking (barge-in)");
        bargeIn.setId("barge-in");
        bargeIn.selectedProperty().bindBidirectional(model.bargeInProperty());
        bargeIn.setTooltip(new Tooltip("Speaking while OmniDesk answers stops the answer; "
                + "turn off when the speakers are loud and there is no headset"));
        box.getChildren().addAll(title, mics, meter, handsFree, bargeIn);
    }

    public Node node() {
        return box;
    }
}
