// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.omnidesk.ui.camera.CameraPanel;
import org.omnidesk.ui.chat.ChatActions;
import org.omnidesk.ui.chat.ChatView;
import org.omnidesk.ui.chat.ComposerView;
import org.omnidesk.ui.history.HistoryActions;
import org.omnidesk.ui.history.HistoryView;
import org.omnidesk.ui.settings.EngineSummary;
import org.omnidesk.ui.settings.SettingsPanel;
import org.omnidesk.ui.setup.SetupActions;
import org.omnidesk.ui.setup.SetupView;
import org.omnidesk.ui.voice.StateIndicator;
import org.omnidesk.ui.voice.VoicePanel;

/**
 * The main window's content: history on the left, the transcript and composer in the middle,
 * camera, voice and settings on the right, model setup over everything when needed. Files dropped
 * anywhere are attached. Shortcuts: Space (held) talk, Esc stop, Ctrl+O attach, Ctrl+N new chat.
 */
public final class MainView {

    public static final String HEADER_ID = "header";
    public static final String ROOT_ID = "root";
    private static final PseudoClass DROP_TARGET = PseudoClass.getPseudoClass("drop-target");

    private final StackPane root = new StackPane();
    private final CameraPanel cameraPanel;
    private final ChatActions chatActions;
    private final FilePicker picker;
    private final MainViewModel model;
    private boolean spaceHeld;

    public MainView(MainViewModel model, ChatActions chat, HistoryActions history, SetupActions setup, FilePicker picker) {
        this.model = model;
        this.chatActions = chat;
        this.picker = picker;
        root.setId(ROOT_ID);

        Label header = new Label("OmniDesk");
        header.setId(HEADER_ID);
        header.getStyleClass().add("app-title");
        Label conversation = new Label();
        conversation.setId("conversation-title");
        conversation.getStyleClass().add("conversation-heading");
        conversation.textProperty().bind(model.chat().titleProperty());
        Label engine = new Label();
        engine.setId("engine-headline");
        engine.getStyleClass().add("engine-headline");
        engine.textProperty().bind(Bindings.createStringBinding(
                () -> EngineSummary.headline(model.settings().engineInfoProperty().get()),
                model.settings().engineInfoProperty()));
        ToggleButton showHistory = new ToggleButton("☰");
        showHistory.setId("history-toggle");
        showHistory.setSelected(true);
        ToggleButton showSide = new ToggleButton("⚙");
        showSide.setId("side-toggle");
        showSide.setSelected(true);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(10, showHistory, header, new StateIndicator(model.voice().stateProperty()),
                conversation, spacer, engine, showSide);
        top.setAlignment(Pos.CENTER_LEFT);
        top.getStyleClass().add("top-bar");

        Node historyNode = new HistoryView(model.history(), history, chat::newChat, picker).node();
        historyNode.visibleProperty().bind(showHistory.selectedProperty());
        historyNode.managedProperty().bind(historyNode.visibleProperty());

        ChatView transcript = new ChatView(model.chat());
        ComposerView composer = new ComposerView(model.chat(), chat, model.voice().stateProperty(), this::pickMedia);
        VBox center = new VBox(8, transcript.node(), composer.node());
        center.getStyleClass().add("chat-area");

        cameraPanel = new CameraPanel(model.camera());
        VBox side = new VBox(14, cameraPanel.node(), new VoicePanel(model.voice()).node(),
                new SettingsPanel(model.settings(), () -> model.setup().show(true)).node());
        side.getStyleClass().add("side-panel");
        ScrollPane sideScroll = new ScrollPane(side);
        sideScroll.setFitToWidth(true);
        sideScroll.setPrefWidth(300);
        sideScroll.getStyleClass().add("side-scroll");
        sideScroll.visibleProperty().bind(showSide.selectedProperty());
        sideScroll.managedProperty().bind(sideScroll.visibleProperty());

        BorderPane main = new BorderPane(center, top, sideScroll, null, historyNode);
        BorderPane.setMargin(center, new Insets(0, 8, 8, 8));
        root.getChildren().addAll(main, new SetupView(model.setup(), setup, picker).node());

        Themes.apply(root, model.settings().themeProperty().get());
        model.settings().themeProperty().addListener((obs, was, now) -> Themes.apply(root, now));
        installDrop();
        installShortcuts();
    }

    public Parent root() {
        return root;
    }

    public CameraPanel cameraPanel() {
        return cameraPanel;
    }

    private List<Path> pickMedia() {
        Window owner = root.getScene() == null ? null : root.getScene().getWindow();
        return picker.openMedia(owner);
    }

    /** Files dropped anywhere on the window are attached (the setup screen takes none). */
    private void installDrop() {
        root.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (e.getDragboard().hasFiles() && !model.setup().visibleProperty().get()) {
                e.acceptTransferModes(TransferMode.COPY);
                root.pseudoClassStateChanged(DROP_TARGET, true);
            }
            e.consume();
        });
        root.addEventHandler(DragEvent.DRAG_EXITED, e -> root.pseudoClassStateChanged(DROP_TARGET, false));
        root.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            boolean ok = e.getDragboard().hasFiles() && !model.setup().visibleProperty().get();
            if (ok) {
                chatActions.attach(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            }
            root.pseudoClassStateChanged(DROP_TARGET, false);
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    private void installShortcuts() {
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            boolean typing = e.getTarget() instanceof TextInputControl;
            if (e.getCode() == KeyCode.SPACE && !typing && !model.setup().visibleProperty().get()) {
                if (!spaceHeld) {
                    spaceHeld = true;   // key repeat sends more presses while held: talk starts once
                    chatActions.talkPressed();
                }
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                chatActions.stop();
                e.consume();
            } else if (e.isShortcutDown() && e.getCode() == KeyCode.O) {
                List<Path> files = pickMedia();
                if (!files.isEmpty()) {
                    chatActions.attach(files);
                }
                e.consume();
            } else if (e.isShortcutDown() && e.getCode() == KeyCode.N) {
                chatActions.newChat();
                e.consume();
            }
        });
        root.addEventFilter(KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode() == KeyCode.SPACE && spaceHeld) {
                spaceHeld = false;
                chatActions.talkReleased();
                e.consume();
            }
        });
    }
}
