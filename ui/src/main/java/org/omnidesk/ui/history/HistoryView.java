// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.history;

import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.omnidesk.ui.FilePicker;

/** The conversations: click to reopen; right-click to rename, delete or export (Markdown, SRT). */
public final class HistoryView {

    public static final String LIST_ID = "history";

    private final VBox box = new VBox(6);
    private final ListView<ConversationItem> list;

    public HistoryView(HistoryViewModel model, HistoryActions actions, Runnable newChat, FilePicker picker) {
        Label title = new Label("Conversations");
        title.getStyleClass().add("panel-title");
        Button create = new Button("+ New chat");
        create.setId("new-chat");
        create.setMaxWidth(Double.MAX_VALUE);
        create.setOnAction(e -> newChat.run());
        list = new ListView<>(model.conversations());
        list.setId(LIST_ID);
        list.setPlaceholder(new Label("No conversations yet"));
        VBox.setVgrow(list, Priority.ALWAYS);
        list.setCellFactory(v -> new ConversationCell(model, actions, picker));
        list.setOnMouseClicked(e -> {
            ConversationItem item = list.getSelectionModel().getSelectedItem();
            if (item != null && item.id() != model.currentProperty().get()) {
                actions.open(item.id());
            }
        });
        box.getStyleClass().add("history-panel");
        box.getChildren().addAll(title, create, list);
        box.setPrefWidth(220);
    }

    public Node node() {
        return box;
    }

    private static final class ConversationCell extends ListCell<ConversationItem> {
        private final HistoryViewModel model;
        private final HistoryActions actions;
        private final FilePicker picker;

        ConversationCell(HistoryViewModel model, HistoryActions actions, FilePicker picker) {
            this.model = model;
            this.actions = actions;
            this.picker = picker;
            getStyleClass().add("conversation-cell");
        }

        @Override
        protected void updateItem(ConversationItem item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().remove("current");
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                setContextMenu(null);
                return;
            }
            Label name = new Label(item.title());
            name.getStyleClass().add("conversation-title");
            Label sub = new Label(item.subtitle());
            sub.getStyleClass().add("conversation-subtitle");
            // Long titles end in "…" instead of widening the list.
            name.maxWidthProperty().bind(getListView().widthProperty().subtract(28));
            sub.maxWidthProperty().bind(name.maxWidthProperty());
            setGraphic(new VBox(1, name, sub));
            setText(null);
            if (item.id() == model.currentProperty().get()) {
                getStyleClass().add("current");
            }
            setContextMenu(menu(item));
        }

        private ContextMenu menu(ConversationItem item) {
            MenuItem rename = new MenuItem("Rename…");
            rename.setOnAction(e -> {
                TextInputDialog dialog = new TextInputDialog(item.title());
                dialog.setTitle("Rename conversation");
                dialog.setHeaderText(null);
                dialog.setContentText("Title:");
                dialog.showAndWait().map(String::strip).filter(t -> !t.isEmpty()).ifPresent(t -> actions.rename(item.id(), t));
            });
            MenuItem delete = new MenuItem("Delete");
            delete.setOnAction(e -> {
                Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Delete \"" + item.title() + "\" for good?",
                        ButtonType.CANCEL, ButtonType.OK);
                confirm.setHeaderText(null);
                confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(b -> actions.delete(item.id()));
            });
            MenuItem markdown = export(item, HistoryActions.ExportFormat.MARKDOWN, "Export as Markdown…", ".md");
            MenuItem srt = export(item, HistoryActions.ExportFormat.SRT, "Export spoken answers as SRT…", ".srt");
            return new ContextMenu(rename, delete, markdown, srt);
        }

        private MenuItem export(ConversationItem item, HistoryActions.ExportFormat format, String label, String ext) {
            MenuItem menuItem = new MenuItem(label);
            menuItem.setOnAction(e -> picker.save(getScene().getWindow(), fileName(item.title()) + ext)
                    .ifPresent(p -> actions.export(item.id(), format, p)));
            return menuItem;
        }
    }

    /** A file-name-safe version of a title. */
    static String fileName(String title) {
        String safe = title.replaceAll("[^\\p{L}\\p{N} ._-]", "").strip().replace(' ', '-').toLowerCase(Locale.ROOT);
        return safe.isEmpty() ? "conversation" : safe;
    }
}
