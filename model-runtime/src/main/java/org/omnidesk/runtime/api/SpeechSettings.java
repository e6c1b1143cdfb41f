// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.api;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Speech output for a turn. {@code voice} empty = the package's default speaker.
 * {@code ode} picks the Token2Wav solver; {@code streaming} picks windowed Token2Wav
 * (speech starts early) over one full-utterance window (what transformers does).
 * {@code noise} optionally injects the utterance's initial noise, float32 [N, 80] row-major
 * (mel frame i takes row i; N ≥ 2 × codes); empty = a seeded standard normal.
 * {@code maxCodes} caps the Talker's codes (50 per second of speech); empty = the manifest's limit.
 */
public record SpeechSettings(boolean enabled, Optional<String> voice, OdeSolver ode, boolean streaming,
                             Optional<float[]> noise, OptionalInt maxCodes) {

    public enum OdeSolver { EULER, RK4 }

    public SpeechSettings(boolean enabled, Optional<String> voice, OdeSolver ode, boolean streaming) {
        this(enabled, voice, ode, streaming, Optional.empty(), OptionalInt.empty());
    }

    public SpeechSettings withNoise(float[] rows) {
        return new SpeechSettings(enabled, voice, ode, streaming, Optional.of(rows), maxCodes);
    }

    public SpeechSettings withMaxCodes(int codes) {
        if (codes < 1) {
            throw new IllegalArgumentException("max codes must be >= 1, got " + codes);
        }
        return new SpeechSettings(enabled, voice, ode, streaming, noise, OptionalInt.of(codes));
    }

    public static SpeechSettings off() {
        return new SpeechSettings(false, Optional.empty(), OdeSolver.EULER, true);
    }

    public static SpeechSettings on(String voice) {
        return new SpeechSettings(true, Optional.ofNullable(voice), OdeSolver.EULER, true);
    }
}
