// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.chat;

import java.util.List;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The transcript, the attachments waiting for the next question, the file-preparation progress
 * and the draft. Mutated on the FX thread only (background results arrive through the FxBridge).
 */
public final class ChatViewModel {

    public static final String NEW_CHAT_TITLE = "New chat";

    // Properties
    private final ObservableList<TranscriptEntry> entries = FXCollections.observableArrayList();
    // One read-only view, made once: listeners on a throw-away wrapper would be dropped with it (weakly held).
    private final ObservableList<TranscriptEntry> entriesView = FXCollections.unmodifiableObservableList(entries);
    private final ObservableList<Attachment> pending = FXCollections.observableArrayList();
    private final ObservableList<Attachment> pendingView = FXCollections.unmodifiableObservableList(pending);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", NEW_CHAT_TITLE);
    private final StringProperty draft = new SimpleStringProperty(this, "draft", "");

    public ObservableList<TranscriptEntry> entries() {
        return entriesView;
    }

    public ObservableList<Attachment> pending() {
        return pendingView;
    }

    /** Preparation progress in [0, 1]; negative when nothing is being prepared. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public StringProperty draftProperty() {
        return draft;
    }

    // Commands
    public void addUser(UserEntry entry) {
        entries.add(entry);
    }

    public AssistantEntry startAnswer() {
        AssistantEntry entry = new AssistantEntry();
        entries.add(entry);
        return entry;
    }

    public void addError(String message) {
        entries.add(new ErrorEntry(message));
    }

    /** Replaces the transcript (new chat, or a conversation reopened from history). */
    public void show(String conversationTitle, List<TranscriptEntry> transcript) {
        title.set(conversationTitle);
        entries.setAll(transcript);
        pending.clear();
    }

    public void setTitle(String conversationTitle) {
        title.set(conversationTitle);
    }

    public void addPending(Attachment attachment) {
        pending.add(attachment);
    }

    public void removePending(Attachment attachment) {
        pending.remove(attachment);
    }

    public void clearPending() {
        pending.clear();
    }

    public void setProgress(double fraction, String text) {
        progress.set(Math.max(0, Math.min(1, fraction)));
        progressText.set(text);
    }

    public void clearProgress() {
        progress.set(-1);
        progressText.set("");
    }
}
