// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.api;

import java.util.Optional;

/** Settings of a live (microphone, optionally camera) turn; see {@link LiveTurn}. */
public record LiveTurnOptions(boolean withCamera, Optional<String> systemPrompt,
                              SpeechSettings speech, GenerationSettings generation) {}
