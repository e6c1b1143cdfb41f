// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.api;

import java.util.Optional;

/** Settings of a live (microphone, optionally camera) turn; see {@link LiveTurn}. */
public record LiveTurnOptions(boolean withCamera, Optional<String> systemPrompt,
                              SpeechSettings speech, GenerationSettings generation) {

    /** The check of {@link LiveTurn#appendFrames}: the camera is on and the pair is one temporal grid. */
    public void requireFramePair(VisionFeatures framePair) {
        if (!withCamera) {
            throw new IllegalStateException("this live turn was opened without the camera");
        }
        if (framePair.gridT() != 1) {
            throw new IllegalArgumentException("a frame pair has gridT 1, got " + framePair.gridT());
        }
    }
}
