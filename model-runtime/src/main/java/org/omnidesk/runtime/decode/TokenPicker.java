// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.decode;

import java.util.List;

/** Applies the processors in order to a step's logits [V] (in place) and samples one token. */
public final class TokenPicker {
    private final List<LogitsProcessor> processors;
    private final Sampler sampler;

    TokenPicker(List<LogitsProcessor> processors, Sampler sampler) {
        this.processors = List.copyOf(processors);
        this.sampler = sampler;
    }

    public int pick(float[] logits, TokenHistory history) {
        for (LogitsProcessor p : processors) {
            p.process(logits, history);
        }
        return sampler.sample(logits);
    }
}
