// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.voice;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Voice state, microphone level and choices. Mutated on the FX thread only. */
public final class VoiceViewModel {

    // Properties
    private final ReadOnlyObjectWrapper<AssistantState> state = new ReadOnlyObjectWrapper<>(this, "state", AssistantState.IDLE);
    private final ReadOnlyDoubleWrapper level = new ReadOnlyDoubleWrapper(this, "level", 0);
    private final ObservableList<String> microphones = FXCollections.observableArrayList();
    // One read-only view, made once: listeners on a throw-away wrapper would be dropped with it (weakly held).
    private final ObservableList<String> microphonesView = FXCollections.unmodifiableObservableList(microphones);
    private final StringProperty microphone = new SimpleStringProperty(this, "microphone");
    private final BooleanProperty handsFree = new SimpleBooleanProperty(this, "handsFree", false);
    private final BooleanProperty bargeIn = new SimpleBooleanProperty(this, "bargeIn", true);

    public ReadOnlyObjectProperty<AssistantState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Microphone level in [0, 1] (dBFS mapped from -60..0). */
    public ReadOnlyDoubleProperty levelProperty() {
        return level.getReadOnlyProperty();
    }

    public ObservableList<String> microphones() {
        return microphonesView;
    }

    public StringProperty microphoneProperty() {
        return microphone;
    }

    public BooleanProperty handsFreeProperty() {
        return handsFree;
    }

    public BooleanProperty bargeInProperty() {
        return bargeIn;
    }

    // Commands
    public void setState(AssistantState now) {
        state.set(now);
    }

    public void setLevel(double now) {
        level.set(Math.max(0, Math.min(1, now)));
    }

    public void setMicrophones(List<String> names) {
        microphones.setAll(names);
        if (microphone.get() == null || !names.contains(microphone.get())) {
            microphone.set(names.isEmpty() ? null : names.get(0));
        }
    }
}
