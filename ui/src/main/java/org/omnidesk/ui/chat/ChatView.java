// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.chat;

import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.omnidesk.ui.fx.FxImages;

/**
 * The transcript: user turns with their attachments, answers rendered as Markdown while they
 * stream (with their timings once done), and errors. Follows the newest entry.
 */
public final class ChatView {

    public static final String ID = "transcript";
    static final double THUMB_W = 160;
    static final double THUMB_H = 96;

    private final VBox entries = new VBox(10);
    private final ScrollPane scroll = new ScrollPane(entries);
    private final Map<TranscriptEntry, Node> nodes = new IdentityHashMap<>();

    public ChatView(ChatViewModel model) {
        entries.getStyleClass().add("transcript-entries");
        scroll.setId(ID);
        scroll.getStyleClass().add("transcript");
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        // Follow the conversation: a growing transcript scrolls to its end.
        entries.heightProperty().addListener((obs, was, now) -> scroll.setVvalue(1.0));
        model.entries().forEach(this::add);
        model.entries().addListener((ListChangeListener<TranscriptEntry>) change -> {
            while (change.next()) {
                change.getRemoved().forEach(e -> entries.getChildren().remove(nodes.remove(e)));
                for (int i = change.getFrom(); i < change.getTo() && change.wasAdded(); i++) {
                    Node node = nodeFor(change.getList().get(i));
                    entries.getChildren().add(i, node);
                }
            }
        });
    }

    public Node node() {
        return scroll;
    }

    private void add(TranscriptEntry entry) {
        entries.getChildren().add(nodeFor(entry));
    }

    private Node nodeFor(TranscriptEntry entry) {
        Node node;
        if (entry instanceof UserEntry user) {
            node = userNode(user);
        } else if (entry instanceof AssistantEntry answer) {
            node = assistantNode(answer);
        } else if (entry instanceof ErrorEntry error) {
            Label label = new Label("⚠ " + error.message());
            label.setWrapText(true);
            label.getStyleClass().addAll("entry", "error-entry");
            node = label;
        } else {
            throw new IllegalArgumentException("unknown entry " + entry);
        }
        nodes.put(entry, node);
        return node;
    }

    private static Node userNode(UserEntry user) {
        VBox box = new VBox(6, speaker("You"));
        box.getStyleClass().addAll("entry", "user-entry");
        if (!user.attachments().isEmpty()) {
            FlowPane row = new FlowPane(8, 8);
            user.attachments().forEach(a -> row.getChildren().add(attachmentNode(a)));
            box.getChildren().add(row);
        }
        if (!user.text().isBlank()) {
            Label text = new Label(user.text());
            text.setWrapText(true);
            text.getStyleClass().add("user-text");
            box.getChildren().add(text);
        }
        return box;
    }

    /** A thumbnail (image, video) or a sound badge (audio), with the name and the duration. */
    static Node attachmentNode(Attachment a) {
        VBox box = new VBox(2);
        box.getStyleClass().addAll("attachment", "attachment-" + a.kind().name().toLowerCase(Locale.ROOT));
        if (a.thumbnail().isPresent()) {
            ImageView view = new ImageView(FxImages.toImage(a.thumbnail().get()));
            view.setPreserveRatio(true);
            view.setFitWidth(THUMB_W);
            view.setFitHeight(THUMB_H);
            view.getStyleClass().add("attachment-thumbnail");
            box.getChildren().add(view);
        } else {
            Label badge = new Label(a.kind() == Attachment.Kind.AUDIO ? "♪" : "▣");
            badge.getStyleClass().add("attachment-badge");
            box.getChildren().add(new StackPane(badge));
        }
        String duration = a.kind() == Attachment.Kind.IMAGE ? "" : " · " + a.durationText();
        Label caption = new Label(a.name() + duration);
        caption.getStyleClass().add("attachment-caption");
        caption.setMaxWidth(THUMB_W);
        box.getChildren().add(caption);
        return box;
    }

    private static Node assistantNode(AssistantEntry answer) {
        VBox box = new VBox(6, speaker("OmniDesk"));
        box.getStyleClass().addAll("entry", "assistant-entry");
        StackPane body = new StackPane(MarkdownView.render(answer.text()));
        body.getStyleClass().add("answer-body");
        Label footer = new Label();
        footer.getStyleClass().add("turn-timings");
        footer.setWrapText(true);
        box.getChildren().addAll(body, footer);
        answer.textProperty().addListener((obs, was, now) -> body.getChildren().setAll(MarkdownView.render(now)));
        Runnable showFooter = () -> footer.setText(footer(answer.status(), answer.timingsProperty().get()));
        answer.statusProperty().addListener((obs, was, now) -> showFooter.run());
        answer.timingsProperty().addListener((obs, was, now) -> showFooter.run());
        showFooter.run();

        MenuItem copy = new MenuItem("Copy answer");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(answer.text());
            Clipboard.getSystemClipboard().setContent(content);
        });
        box.setOnContextMenuRequested(e -> new ContextMenu(copy).show(box, e.getScreenX(), e.getScreenY()));
        return box;
    }

    static String footer(AssistantEntry.Status status, Optional<TurnTimings> timings) {
        String ending = switch (status) {
            case STREAMING -> "…";
            case DONE, FAILED -> "";
            case STOPPED -> "Stopped";
            case INTERRUPTED -> "Interrupted (OmniDesk closed during this answer)";
        };
        String times = timings.map(TurnTimings::text).orElse("");
        return ending.isEmpty() || times.isEmpty() ? ending + times : ending + " · " + times;
    }

    private static Label speaker(String name) {
        Label label = new Label(name);
        label.getStyleClass().add("speaker");
        return label;
    }
}
