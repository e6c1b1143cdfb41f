// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.chat;

import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** An answer, streaming or done. Mutated on the FX thread only. */
public final class AssistantEntry implements TranscriptEntry {

    public enum Status { STREAMING, DONE, STOPPED, FAILED, INTERRUPTED }

    // Properties
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(this, "status", Status.STREAMING);
    private final ReadOnlyObjectWrapper<Optional<TurnTimings>> timings =
            new ReadOnlyObjectWrapper<>(this, "timings", Optional.empty());

    public AssistantEntry() {
    }

    /** A finished answer, e.g. from history. */
    public AssistantEntry(String text, Status status, Optional<TurnTimings> timings) {
        this.text.set(text);
        this.status.set(status);
        this.timings.set(timings);
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Optional<TurnTimings>> timingsProperty() {
        return timings.getReadOnlyProperty();
    }

    public String text() {
        return text.get();
    }

    public Status status() {
        return status.get();
    }

    // Commands
    public void append(String delta) {
        text.set(text.get() + delta);
    }

    public void finish(Status end, Optional<TurnTimings> turnTimings) {
        if (end == Status.STREAMING) {
            throw new IllegalArgumentException("finish needs an end status");
        }
        status.set(end);
        timings.set(turnTimings);
    }
}
