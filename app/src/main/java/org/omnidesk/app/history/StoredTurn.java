// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.history;

import java.util.List;
import java.util.Optional;
import org.omnidesk.ui.chat.TurnTimings;

/**
 * One exchange as stored: the user's words and attachments, the answer (as far as it got), how it
 * ended, and for spoken answers the voice and the seconds of speech (for SRT export).
 */
public record StoredTurn(long id, long startedMs, TurnStatus status, String userText,
                         List<StoredAttachment> attachments, String answer, String voice,
                         double spokenSeconds, Optional<TurnTimings> timings, String error) {
    public StoredTurn {
        attachments = List.copyOf(attachments);
        answer = answer == null ? "" : answer;
        error = error == null ? "" : error;
    }
}
