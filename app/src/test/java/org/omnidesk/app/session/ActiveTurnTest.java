// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnidesk.app.history.HistoryStore;
import org.omnidesk.app.history.StoredTurn;
import org.omnidesk.app.history.TurnOutcome;
import org.omnidesk.app.history.TurnStatus;
import org.omnidesk.ui.chat.AssistantEntry;
import org.omnidesk.ui.chat.ChatViewModel;
import org.omnidesk.ui.chat.UserEntry;
import org.omnidesk.ui.fx.FxBridge;
import org.omnidesk.ui.history.HistoryViewModel;

/**
 * A live turn answers as soon as the recording is committed, which can be before the session
 * has shown its entry or written its history row: nothing that arrives early may be lost.
 */
class ActiveTurnTest {

    @TempDir
    Path dir;

    @Test
    void textThatArrivesBeforeTheEntryIsShownIsAppliedInOrder() {
        ActiveTurn turn = new ActiveTurn(true, "Ethan");
        turn.onEntry(e -> e.append("Hel"));
        turn.onEntry(e -> e.append("lo"));
        AssistantEntry entry = new AssistantEntry();
        turn.shown(entry);
        assertEquals("Hello", entry.text());
        turn.onEntry(e -> e.append("!"));
        turn.onEntry(e -> e.finish(AssistantEntry.Status.DONE, Optional.empty()));
        assertEquals("Hello!", entry.text());
        assertEquals(AssistantEntry.Status.DONE, entry.status());
    }

    @Test
    void anEndThatArrivesBeforeTheRowIsWrittenCompletesTheRow() {
        try (HistoryStore store = HistoryStore.open(dir.resolve("h.db"))) {
            ConversationLog log = new ConversationLog(store, Runnable::run, new FxBridge(Runnable::run),
                    new ChatViewModel(), new HistoryViewModel(), () -> 1_000L, ZoneOffset.UTC);
            ActiveTurn turn = new ActiveTurn(false, "Chelsie");
            log.finish(turn, new TurnOutcome(TurnStatus.FAILED, "", 0, Optional.empty(), "nothing was recorded"));
            log.startTurn(turn, new UserEntry("", List.of()), List.of());
            long conversation = store.conversations().get(0).id();
            StoredTurn stored = store.turns(conversation).get(0);
            assertEquals(TurnStatus.FAILED, stored.status(), "not left ANSWERING (a crash would be reported on the next start)");
            assertEquals("nothing was recorded", stored.error());
        }
    }
}
