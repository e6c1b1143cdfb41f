// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.history;

import java.util.Optional;
import org.omnidesk.ui.chat.TurnTimings;

/** How a turn ended, written when it ends. */
public record TurnOutcome(TurnStatus status, String answer, double spokenSeconds,
                          Optional<TurnTimings> timings, String error) {
    public TurnOutcome {
        if (status == TurnStatus.ANSWERING) {
            throw new IllegalArgumentException("an outcome ends the turn; ANSWERING is not an end");
        }
    }
}
