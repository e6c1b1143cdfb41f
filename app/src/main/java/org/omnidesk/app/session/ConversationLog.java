// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import org.omnidesk.app.history.ConversationSummary;
import org.omnidesk.app.history.HistoryException;
import org.omnidesk.app.history.HistoryStore;
import org.omnidesk.app.history.StoredAttachment;
import org.omnidesk.app.history.StoredTurn;
import org.omnidesk.app.history.TranscriptExport;
import org.omnidesk.app.history.TurnOutcome;
import org.omnidesk.ui.chat.AssistantEntry;
import org.omnidesk.ui.chat.Attachment;
import org.omnidesk.ui.chat.ChatViewModel;
import org.omnidesk.ui.chat.ErrorEntry;
import org.omnidesk.ui.chat.TranscriptEntry;
import org.omnidesk.ui.chat.UserEntry;
import org.omnidesk.ui.fx.FxBridge;
import org.omnidesk.ui.history.ConversationItem;
import org.omnidesk.ui.history.HistoryActions;
import org.omnidesk.ui.history.HistoryViewModel;

/**
 * The open conversation in the history database, on the io thread: the conversation row is
 * created with its first turn, each turn is written when it starts, checkpointed while it
 * streams and completed when it ends. Keeps the history list and the transcript title current.
 */
final class ConversationLog {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final HistoryStore store;
    private final Executor io;
    private final FxBridge fx;
    private final ChatViewModel chat;
    private final HistoryViewModel history;
    private final LongSupplier clock;
    private final ZoneId zone;
    // io thread
    private long conversationId = -1;

    ConversationLog(HistoryStore store, Executor io, FxBridge fx, ChatViewModel chat, HistoryViewModel history,
                    LongSupplier clock, ZoneId zone) {
        this.store = store;
        this.io = io;
        this.fx = fx;
        this.chat = chat;
        this.history = history;
        this.clock = clock;
        this.zone = zone;
    }

    void refreshList() {
        run(this::publishList);
    }

    void startTurn(ActiveTurn turn, UserEntry user, List<StoredAttachment> attachments) {
        run(() -> {
            if (conversationId < 0) {
                String title = title(user);
                conversationId = store.createConversation(title, clock.getAsLong());
                long id = conversationId;
                fx.post(() -> {
                    chat.setTitle(title);
                    history.setCurrent(id);
                });
            }
            turn.historyId = store.startTurn(conversationId, user.text(), attachments, turn.speech ? turn.voice : null,
                    clock.getAsLong());
            publishList();
        });
    }

    void checkpoint(ActiveTurn turn, String answerSoFar) {
        run(() -> {
            if (turn.historyId > 0) {
                store.checkpointAnswer(turn.historyId, answerSoFar);
            }
        });
    }

    void finish(ActiveTurn turn, TurnOutcome outcome) {
        run(() -> {
            if (turn.historyId > 0) {
                store.finishTurn(turn.historyId, outcome, clock.getAsLong());
                publishList();
            }
        });
    }

    void newChat() {
        run(() -> {
            conversationId = -1;
            fx.post(() -> {
                chat.show(ChatViewModel.NEW_CHAT_TITLE, List.of());
                history.setCurrent(-1);
            });
        });
    }

    void open(long id) {
        run(() -> {
            Optional<ConversationSummary> summary = store.conversation(id);
            if (summary.isEmpty()) {
                return;
            }
            List<TranscriptEntry> entries = entries(store.turns(id));
            conversationId = id;
            fx.post(() -> {
                chat.show(summary.get().title(), entries);
                history.setCurrent(id);
            });
        });
    }

    void rename(long id, String title) {
        run(() -> {
            store.rename(id, title);
            if (id == conversationId) {
                fx.post(() -> chat.setTitle(title));
            }
            publishList();
        });
    }

    /** Deletes the conversation; {@code whenOpen} runs (on the io thread) if it was the open one. */
    void delete(long id, Runnable whenOpen) {
        run(() -> {
            store.delete(id);
            if (id == conversationId) {
                conversationId = -1;
                whenOpen.run();
            }
            publishList();
        });
    }

    void export(long id, HistoryActions.ExportFormat format, Path target) {
        run(() -> {
            ConversationSummary summary = store.conversation(id).orElseThrow(
                    () -> new HistoryException("conversation " + id + " no longer exists", null));
            List<StoredTurn> turns = store.turns(id);
            String text = format == HistoryActions.ExportFormat.MARKDOWN
                    ? TranscriptExport.markdown(summary, turns, zone) : TranscriptExport.srt(turns);
            try {
                Files.writeString(target, text);
            } catch (IOException e) {
                throw new HistoryException("cannot write " + target + " (" + e.getMessage() + "); pick another folder", e);
            }
        });
    }

    /** The transcript of stored turns: each user turn, its answer as far as it got, and its error. */
    static List<TranscriptEntry> entries(List<StoredTurn> turns) {
        List<TranscriptEntry> entries = new ArrayList<>();
        for (StoredTurn t : turns) {
            entries.add(new UserEntry(t.userText(), t.attachments().stream().map(StoredAttachment::shown).toList()));
            AssistantEntry.Status status = switch (t.status()) {
                case DONE -> AssistantEntry.Status.DONE;
                case STOPPED -> AssistantEntry.Status.STOPPED;
                case FAILED -> AssistantEntry.Status.FAILED;
                case ANSWERING, INTERRUPTED -> AssistantEntry.Status.INTERRUPTED;
            };
            if (!t.answer().isEmpty() || status != AssistantEntry.Status.FAILED) {
                entries.add(new AssistantEntry(t.answer(), status, t.timings()));
            }
            if (!t.error().isEmpty()) {
                entries.add(new ErrorEntry(t.error()));
            }
        }
        return entries;
    }

    /** A title from the first turn: its words, else its first file, else "Voice chat" and the time. */
    String title(UserEntry first) {
        String text = first.text().strip().replaceAll("\\s+", " ");
        if (!text.isEmpty()) {
            return text.length() <= 48 ? text : text.substring(0, 47) + "…";
        }
        return first.attachments().stream().map(Attachment::name).filter(n -> !n.equals(AssistantSession.MICROPHONE) && !n.equals(AssistantSession.CAMERA))
                .findFirst().orElse("Voice chat " + WHEN.format(Instant.ofEpochMilli(clock.getAsLong()).atZone(zone)));
    }

    private void publishList() {
        List<ConversationItem> items = store.conversations().stream()
                .map(c -> new ConversationItem(c.id(), c.title(), c.turns() + (c.turns() == 1 ? " turn" : " turns") + " · "
                        + WHEN.format(Instant.ofEpochMilli(c.updatedMs()).atZone(zone))))
                .toList();
        fx.post(() -> history.setConversations(items));
    }

    /**
     * Runs on the io thread; a history failure becomes a transcript entry, never a crash. Once
     * the app has shut the io thread down, late writes are dropped.
     */
    private void run(Runnable task) {
        try {
            io.execute(() -> {
                try {
                    task.run();
                } catch (HistoryException e) {
                    fx.post(() -> chat.addError(e.getMessage()));
                }
            });
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }
}
