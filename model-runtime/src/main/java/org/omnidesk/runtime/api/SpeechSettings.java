// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.api;

import java.util.Optional;

/**
 * Speech output for a turn. {@code voice} empty = the package's default speaker.
 * {@code ode} picks the Token2Wav solver; {@code streaming} picks windowed Token2Wav
 * (speech starts early) over one full-utterance window (what transformers does).
 */
public record SpeechSettings(boolean enabled, Optional<String> voice, OdeSolver ode, boolean streaming) {

    public enum OdeSolver { EULER, RK4 }

    public static SpeechSettings off() {
        return new SpeechSettings(false, Optional.empty(), OdeSolver.EULER, true);
    }

    public static SpeechSettings on(String voice) {
        return new SpeechSettings(true, Optional.ofNullable(voice), OdeSolver.EULER, true);
    }
}
