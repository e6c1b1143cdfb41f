// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.voice;

import java.util.Locale;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;

/** IDLE / LISTENING / THINKING / SPEAKING / ERROR as a coloured label ({@code state-*} style classes). */
public final class StateIndicator extends Label {

    public static final String ID = "state";

    public StateIndicator(ObservableValue<AssistantState> state) {
        setId(ID);
        getStyleClass().add("state-indicator");
        show(state.getValue());
        state.addListener((obs, was, now) -> show(now));
    }

    private void show(AssistantState state) {
        getStyleClass().removeIf(c -> c.startsWith("state-") && !c.equals("state-indicator"));
        String name = state.name().toLowerCase(Locale.ROOT);
        getStyleClass().add("state-" + name);
        setText(state.name());
    }
}
