// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.chat;

import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/** Renders {@link Markdown} blocks as JavaFX nodes styled by the theme (classes {@code md-*}). */
public final class MarkdownView {

    private MarkdownView() {
    }

    public static VBox render(String markdown) {
        VBox box = new VBox(6);
        box.getStyleClass().add("md");
        for (Markdown.Block block : Markdown.parse(markdown)) {
            box.getChildren().add(node(block));
        }
        return box;
    }

    private static Node node(Markdown.Block block) {
        if (block instanceof Markdown.Paragraph p) {
            return flow(p.spans(), "md-paragraph");
        } else if (block instanceof Markdown.Heading h) {
            return flow(h.spans(), "md-heading", "md-h" + h.level());
        } else if (block instanceof Markdown.ListBlock list) {
            VBox items = new VBox(2);
            items.getStyleClass().add("md-list");
            for (int i = 0; i < list.items().size(); i++) {
                Label marker = new Label(list.ordered() ? (list.start() + i) + "." : "•");
                marker.getStyleClass().add("md-marker");
                marker.setMinWidth(22);
                items.getChildren().add(new HBox(4, marker, flow(list.items().get(i), "md-item")));
            }
            return items;
        } else if (block instanceof Markdown.CodeBlock code) {
            Label label = new Label(code.code());
            label.getStyleClass().add("md-code-block");
            label.setMaxWidth(Double.MAX_VALUE);
            return label;
        }
        throw new IllegalArgumentException("unknown block " + block);
    }

    private static TextFlow flow(List<Markdown.Span> spans, String... styleClasses) {
        TextFlow flow = new TextFlow();
        flow.getStyleClass().addAll(styleClasses);
        for (Markdown.Span span : spans) {
            Text text = new Text(span.text());
            text.getStyleClass().addAll("md-text", "md-" + span.style().name().toLowerCase(Locale.ROOT));
            flow.getChildren().add(text);
        }
        return flow;
    }
}
