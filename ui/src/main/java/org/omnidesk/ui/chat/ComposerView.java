// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.chat;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.omnidesk.ui.voice.AssistantState;
import org.omnidesk.ui.voice.PushToTalkButton;

/**
 * Under the transcript: the file-preparation progress, the attachments waiting for a question,
 * and the input row (attach, question, send, hold-to-talk, stop).
 */
public final class ComposerView {

    public static final String INPUT_ID = "composer";
    public static final String PROGRESS_ID = "progress";

    private final VBox box = new VBox(6);

    public ComposerView(ChatViewModel model, ChatActions actions, ObservableValue<AssistantState> state,
                        Supplier<List<Path>> pickFiles) {
        ProgressBar bar = new ProgressBar();
        bar.setId(PROGRESS_ID);
        bar.setPrefWidth(220);
        bar.progressProperty().bind(model.progressProperty());
        Label barText = new Label();
        barText.textProperty().bind(model.progressTextProperty());
        HBox progress = new HBox(8, bar, barText);
        progress.setAlignment(Pos.CENTER_LEFT);
        progress.visibleProperty().bind(model.progressProperty().greaterThanOrEqualTo(0));
        progress.managedProperty().bind(progress.visibleProperty());

        FlowPane chips = new FlowPane(6, 6);
        chips.setId("pending");
        chips.visibleProperty().bind(Bindings.isNotEmpty(model.pending()));
        chips.managedProperty().bind(chips.visibleProperty());
        Runnable showChips = () -> chips.getChildren().setAll(model.pending().stream().map(a -> chip(a, actions)).toList());
        model.pending().addListener((ListChangeListener<Attachment>) c -> showChips.run());
        showChips.run();

        Button attach = new Button("Attach…");
        attach.setId("attach");
        attach.setTooltip(new Tooltip("Attach a video, image or audio file (Ctrl+O)"));
        attach.setOnAction(e -> {
            List<Path> files = pickFiles.get();
            if (!files.isEmpty()) {
                actions.attach(files);
            }
        });
        TextField input = new TextField();
        input.setId(INPUT_ID);
        input.setPromptText("Ask something, or drop a video, image or audio file on the window");
        input.textProperty().bindBidirectional(model.draftProperty());
        HBox.setHgrow(input, Priority.ALWAYS);
        Button send = new Button("Send");
        send.setId("send");
        Runnable submit = () -> {
            String text = model.draftProperty().get();
            if (!text.isBlank() || !model.pending().isEmpty()) {
                model.draftProperty().set("");
                actions.send(text.strip());
            }
        };
        input.setOnAction(e -> submit.run());
        send.setOnAction(e -> submit.run());
        PushToTalkButton talk = new PushToTalkButton(actions::talkPressed, actions::talkReleased);
        Button stop = new Button("■ Stop");
        stop.setId("stop");
        stop.setFocusTraversable(false);
        stop.setOnAction(e -> actions.stop());
        stop.disableProperty().bind(Bindings.createBooleanBinding(
                () -> state.getValue() == AssistantState.IDLE || state.getValue() == AssistantState.ERROR, state));
        HBox row = new HBox(6, attach, input, send, talk, stop);
        row.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("composer");
        box.getChildren().addAll(progress, chips, row);
    }

    private static Node chip(Attachment a, ChatActions actions) {
        Label name = new Label(a.name() + (a.kind() == Attachment.Kind.IMAGE ? "" : " · " + a.durationText()));
        Button remove = new Button("×");
        remove.getStyleClass().add("chip-remove");
        remove.setOnAction(e -> actions.removePending(a));
        HBox chip = new HBox(4, name, remove);
        chip.setAlignment(Pos.CENTER_LEFT);
        chip.getStyleClass().add("pending-chip");
        return chip;
    }

    public Node node() {
        return box;
    }
}
