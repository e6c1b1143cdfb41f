// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.api;

import java.util.Optional;

/**
 * Speech output for a turn. {@code voice} empty = the package's default speaker.
 * {@code ode} picks the Token2Wav solver; {@code streaming} picks windowed Token2Wav
 * (speech starts early) over one full-utterance window (what transformers does).
 * {@code noise} optionally injects the utterance's initial noise, float32 [N, 80] row-major
 * (mel frame i takes row i; N ≥ 2 × codes); empty = a seeded standard normal.
 */
public record SpeechSettings(boolean enabled, Optional<String> voice, OdeSolver ode, boolean streaming,
                             Optional<float[]> noise) {

    public enum OdeSolver { EULER, RK4 }

    public SpeechSettings(boolean enabled, Optional<String> voice, OdeSolver ode, boolean streaming) {
        this(enabled, voice, ode, streaming, Optional.empty());
    }

    public SpeechSettings withNoise(float[] rows) {
        return new SpeechSettings(enabled, voice, ode, streaming, Optional.of(rows));
    }

    public static SpeechSettings off() {
        return new SpeechSettings(false, Optional.empty(), OdeSolver.EULER, true);
    }

    public static SpeechSettings on(String voice) {
        return new SpeechSettings(true, Optional.ofNullable(voice), OdeSolver.EULER, true);
    }
}
