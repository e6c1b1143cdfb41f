// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.api;

import java.util.List;
import java.util.Optional;

/**
 * One user turn: its items in message order, an optional system prompt (used only on the first
 * turn of a conversation), speech output and generation settings.
 */
public record TurnRequest(List<UserInput> inputs, Optional<String> systemPrompt,
                          SpeechSettings speech, GenerationSettings generation) {

    public TurnRequest {
        inputs = List.copyOf(inputs);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("a turn needs at least one input");
        }
    }

    public static TurnRequest text(String text) {
        return new TurnRequest(List.of(new UserInput.Text(text)), Optional.empty(),
                SpeechSettings.off(), GenerationSettings.defaults());
    }
}
