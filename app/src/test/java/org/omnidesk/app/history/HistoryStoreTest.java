// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnidesk.ui.chat.Attachment;
import org.omnidesk.ui.fx.ArgbImage;
import org.omnidesk.ui.chat.TurnTimings;

class HistoryStoreTest {

    @TempDir
    Path dir;

    static final ArgbImage THUMB = new ArgbImage(3, 2, new int[] {0xFF000000, 0xFFFF0000, 0xFF00FF00, 0xFF0000FF, 0x80FFFFFF, 0});
    static final StoredAttachment VIDEO = new StoredAttachment(
            new Attachment(Attachment.Kind.VIDEO, "clip.mp4", 2.0, Optional.of(THUMB)), "/tmp/clip.mp4", "ab12");

    @Test
    void usesTheWriteAheadLog() {
        try (HistoryStore store = HistoryStore.open(dir.resolve("h.db"))) {
            assertEquals("wal", store.journalMode());
        }
    }

    @Test
    void conversationsAreListedRenamedAndDeletedWithTheirTurns() {
        try (HistoryStore store = HistoryStore.open(dir.resolve("h.db"))) {
            long a = store.createConversation("First", 1_000);
            long b = store.createConversation("Second", 2_000);
            store.startTurn(a, "hello", List.of(VIDEO), "Chelsie", 3_000);
            assertEquals(List.of(a, b), store.conversations().stream().map(ConversationSummary::id).toList(),
                    "a new turn makes its conversation the newest");
            assertEquals(1, store.conversation(a).orElseThrow().turns());

            store.rename(a, "Renamed");
            assertEquals("Renamed", store.conversation(a).orElseThrow().title());

            store.delete(a);
            assertEquals(List.of(b), store.conversations().stream().map(ConversationSummary::id).toList());
            assertEquals(List.of(), store.turns(a), "turns go with their conversation");
        }
    }

    @Test
    void aFinishedTurnSurvivesARestartWithEverything() {
        Path db = dir.resolve("h.db");
        long conversation;
        try (HistoryStore store = HistoryStore.open(db)) {
            conversation = store.createConversation("Clip", 1_000);
            long turn = store.startTurn(conversation, "What happens?", List.of(VIDEO), "Ethan", 2_000);
            store.checkpointAnswer(turn, "A ball");
            store.finishTurn(turn, new TurnOutcome(TurnStatus.DONE, "A ball rolls.", 1.5,
                    Optional.of(new TurnTimings(120, 340, 22.5)), ""), 4_000);
            long failed = store.startTurn(conversation, "again", List.of(), null, 5_000);
            store.finishTurn(failed, new TurnOutcome(TurnStatus.FAILED, "", 0, Optional.empty(), "context full"), 5_100);
        }
        try (HistoryStore reopened = HistoryStore.open(db)) {
            List<StoredTurn> turns = reopened.turns(conversation);
            assertEquals(2, turns.size());
            StoredTurn t = turns.get(0);
            assertEquals(TurnStatus.DONE, t.status());
            assertEquals("What happens?", t.userText());
            assertEquals("A ball rolls.", t.answer());
            assertEquals("Ethan", t.voice());
            assertEquals(1.5, t.spokenSeconds());
            assertEquals(Optional.of(new TurnTimings(120, 340, 22.5)), t.timings());
            StoredAttachment a = t.attachments().get(0);
            assertEquals("clip.mp4", a.shown().name());
            assertEquals(2.0, a.shown().seconds());
            assertEquals("/tmp/clip.mp4", a.path());
            assertEquals("ab12", a.sha256());
            assertArrayEquals(THUMB.argb(), a.shown().thumbnail().orElseThrow().argb(), "thumbnail pixels are exact");
            assertEquals(TurnStatus.FAILED, turns.get(1).status());
            assertEquals("context full", turns.get(1).error());
            assertEquals(Optional.empty(), turns.get(1).timings());
        }
    }

    @Test
    void aKilledProcessLosesNothingAlreadySaid() throws Exception {
        Path db = dir.resolve("h.db");
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashProbe.class.getName(), db.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("READY", out.readLine(), "the probe wrote its turn");
            probe.destroyForcibly();    // SIGKILL: no shutdown hooks, no close, WAL not checkpointed
            assertTrue(probe.waitFor(10, TimeUnit.SECONDS));
        }
        try (HistoryStore after = HistoryStore.open(db)) {
            ConversationSummary c = after.conversations().get(0);
            assertEquals("Crash test", c.title());
            List<StoredTurn> turns = after.turns(c.id());
            assertEquals(2, turns.size());
            assertEquals(TurnStatus.DONE, turns.get(0).status());
            StoredTurn cut = turns.get(1);
            assertEquals(TurnStatus.INTERRUPTED, cut.status(), "the turn in flight is marked as cut off");
            assertEquals("Tell me more", cut.userText());
            assertEquals("The first half of the answer", cut.answer(), "the checkpointed part is kept");
        }
    }

    /** Run in a separate JVM by {@link #aKilledProcessLosesNothingAlreadySaid}: writes, then waits to be killed. */
    public static final class CrashProbe {
        public static void main(String[] args) throws Exception {
            HistoryStore store = HistoryStore.open(Path.of(args[0]));
            long c = store.createConversation("Crash test", 1_000);
            long done = store.startTurn(c, "Hi", List.of(), null, 2_000);
            store.finishTurn(done, new TurnOutcome(TurnStatus.DONE, "Hello!", 0, Optional.empty(), ""), 2_500);
            long turn = store.startTurn(c, "Tell me more", List.of(VIDEO), "Chelsie", 3_000);
            store.checkpointAnswer(turn, "The first half of the answer");
            System.out.println("READY");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
