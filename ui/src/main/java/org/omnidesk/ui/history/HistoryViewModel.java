// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.history;

import java.util.List;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The conversations list and which one is open (-1: a new chat not yet saved). FX thread only. */
public final class HistoryViewModel {

    // Properties
    private final ObservableList<ConversationItem> conversations = FXCollections.observableArrayList();
    // One read-only view, made once: listeners on a throw-away wrapper would be dropped with it (weakly held).
    private final ObservableList<ConversationItem> conversationsView = FXCollections.unmodifiableObservableList(conversations);
    private final ReadOnlyLongWrapper current = new ReadOnlyLongWrapper(this, "current", -1);

    public ObservableList<ConversationItem> conversations() {
        return conversationsView;
    }

    public ReadOnlyLongProperty currentProperty() {
        return current.getReadOnlyProperty();
    }

    // Commands
    public void setConversations(List<ConversationItem> items) {
        conversations.setAll(items);
    }

    public void setCurrent(long conversationId) {
        current.set(conversationId);
    }
}
