// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.chat;

import java.util.List;

/** A user turn: typed or transcribed-as-audio words and the attachments it carried. */
public record UserEntry(String text, List<Attachment> attachments) implements TranscriptEntry {
    public UserEntry {
        text = text == null ? "" : text;
        attachments = List.copyOf(attachments);
    }
}
