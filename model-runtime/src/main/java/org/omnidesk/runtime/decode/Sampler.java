// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.decode;

import java.util.random.RandomGenerator;

/** Picks a token from processed logits [V]. */
@FunctionalInterface
public interface Sampler {

    int sample(float[] logits);

    /** Greedy: the first index of the largest logit (torch.argmax's tie rule). */
    Sampler ARGMAX = logits -> {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    };

    /** softmax then one multinomial draw; removed tokens ({@code -Infinity}) have probability 0. */
    static Sampler multinomial(RandomGenerator random) {
        return logits -> {
            float max = Float.NEGATIVE_INFINITY;
            for (float v : logits) {
                max = Math.max(max, v);
            }
            double total = 0;
            for (float v : logits) {
                total += Math.exp(v - max);
            }
            double u = random.nextDouble() * total;
            int last = -1;
            for (int i = 0; i < logits.length; i++) {
                if (logits[i] == Float.NEGATIVE_INFINITY) {
                    continue;
                }
                last = i;
                u -= Math.exp(logits[i] - max);
                if (u < 0) {
                    return i;
                }
            }
            return last; // rounding left a sliver of mass: the last finite token takes it
        };
    }
}
