// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.prompt;

import java.util.List;
import java.util.Locale;

/** One chat message: a role and its items in order (text and media). */
public record Message(Role role, List<Content> content) {

    public enum Role {
        SYSTEM,
        USER,
        ASSISTANT;

        /** The role as the template writes it after {@code <|im_start|>}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Message {
        if (role == null) {
            throw new IllegalArgumentException("message role is null");
        }
        content = List.copyOf(content);
    }

    public static Message text(Role role, String text) {
        return new Message(role, List.of(new Content.Text(text)));
    }

    /** The message's text when it holds only text items, else null. */
    String plainText() {
        StringBuilder sb = new StringBuilder();
        for (Content c : content) {
            if (!(c instanceof Content.Text t)) {
                return null;
            }
            sb.append(t.text());
        }
        return sb.toString();
    }
}
