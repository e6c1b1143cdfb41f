// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.api;

import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Per-turn overrides of the model package's generation defaults (empty = the manifest's value).
 * {@code greedy} means transformers' do_sample=False for Thinker and Talker: argmax after the
 * repetition penalty.
 */
public record GenerationSettings(boolean greedy, OptionalDouble temperature, OptionalInt topK,
                                 OptionalDouble topP, OptionalDouble repetitionPenalty,
                                 OptionalInt maxNewTokens, OptionalLong seed) {

    public static GenerationSettings defaults() {
        return new GenerationSettings(false, OptionalDouble.empty(), OptionalInt.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty(), OptionalLong.empty());
    }
}
