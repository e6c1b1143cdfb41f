// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One model's sampling settings, resolved from the manifest and the turn's overrides.
 * {@code greedy} is transformers' do_sample=False: the penalty and suppression still apply,
 * temperature/top-k/top-p do not. topK 0 and topP 1 switch those warpers off.
 */
public record SamplingConfig(boolean greedy, float temperature, int topK, float topP,
                             float repetitionPenalty, int[] suppressIds, long seed) {

    public SamplingConfig {
        suppressIds = suppressIds.clone();
        if (!greedy && !(temperature > 0)) {
            throw new IllegalArgumentException("sampling needs temperature > 0 (use greedy for 0)");
        }
        if (topK < 0 || !(topP > 0 && topP <= 1) || !(repetitionPenalty > 0)) {
            throw new IllegalArgumentException("bad sampling settings: top-k " + topK + ", top-p " + topP
                    + ", repetition penalty " + repetitionPenalty);
        }
    }

    /** The processors in transformers' order: penalty, suppression, then the sampling warpers. */
    public List<LogitsProcessor> processors() {
        List<LogitsProcessor> chain = new ArrayList<>();
        if (repetitionPenalty != 1f) {
            chain.add(LogitsProcessor.repetitionPenalty(repetitionPenalty));
        }
        if (suppressIds.length > 0) {
            chain.add(LogitsProcessor.suppress(suppressIds));
        }
        if (!greedy) {
            if (temperature != 1f) {
                chain.add(LogitsProcessor.temperature(temperature));
            }
            if (topK > 0) {
                chain.add(LogitsProcessor.topK(topK));
            }
            if (topP < 1f) {
                chain.add(LogitsProcessor.topP(topP));
            }
        }
        return chain;
    }

    public Sampler sampler() {
        return greedy ? Sampler.ARGMAX : Sampler.multinomial(new SplittableRandom(seed));
    }

    /** A ready pipeline: processors then the sampler, reusing its scratch state across steps. */
    public TokenPicker picker() {
        return new TokenPicker(processors(), sampler());
    }
}
