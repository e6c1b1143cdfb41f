// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Fixed logits with expectations worked out by hand from transformers' processor definitions. */
class SamplingTest {
    private static final float NEG = Float.NEGATIVE_INFINITY;

    private static TokenHistory history(long... ids) {
        TokenHistory h = new TokenHistory();
        h.addAll(ids);
        return h;
    }

    @Test
    void repetitionPenaltyDividesPositiveAndMultipliesNegativeSeenLogits() {
        float[] logits = {2f, -2f, 1f, 0.5f};
        LogitsProcessor.repetitionPenalty(2f).process(logits, history(0, 1, 1));
        assertArrayEquals(new float[] {1f, -4f, 1f, 0.5f}, logits);
    }

    @Test
    void greedyAppliesThePenaltyBeforeArgmax() {
        // Without the penalty token 0 wins; 3.0/1.5 = 2.0 < 2.5 so token 2 wins after it.
        SamplingConfig greedy = new SamplingConfig(true, 0.7f, 5, 0.5f, 1.5f, new int[0], 0);
        assertEquals(2, greedy.picker().pick(new float[] {3f, 1f, 2.5f}, history(0)));
        assertEquals(0, greedy.picker().pick(new float[] {3f, 1f, 2.5f}, history()));
    }

    @Test
    void suppressedTokensAreNeverPicked() {
        SamplingConfig greedy = new SamplingConfig(true, 1f, 0, 1f, 1f, new int[] {1}, 0);
        assertEquals(2, greedy.picker().pick(new float[] {0f, 9f, 1f}, history()));
    }

    @Test
    void topKKeepsTiesAtTheThreshold() {
        float[] logits = {1f, 3f, 2f, 3f, 2f};
        LogitsProcessor.topK(3).process(logits, history());
        assertArrayEquals(new float[] {NEG, 3f, 2f, 3f, 2f}, logits);
    }

    @Test
    void topPDropsTheTailUpToOneMinusP() {
        // softmax(ln[0.1, 0.2, 0.3, 0.4]) = [0.1, 0.2, 0.3, 0.4]; ascending cumulative 0.1, 0.3, 0.6, 1.0.
        // p = 0.65: remove while cumulative <= 0.35 -> tokens 0 and 1 go, 2 and 3 stay.
        float[] logits = {(float) Math.log(0.1), (float) Math.log(0.2), (float) Math.log(0.3), (float) Math.log(0.4)};
        float[] expected = {NEG, NEG, logits[2], logits[3]};
        LogitsProcessor.topP(0.65f).process(logits, history());
        assertArrayEquals(expected, logits);
    }

    @Test
    void topPAlwaysKeepsTheBestToken() {
        float[] logits = {0f, 10f};
        LogitsProcessor.topP(0.01f).process(logits, history());
        assertArrayEquals(new float[] {NEG, 10f}, logits);
    }

    @Test
    void multinomialFollowsTheSoftmaxAndIsSeedable() {
        float[] probs = {0.5f, 0.3f, 0.2f, 0f};
        float[] logits = new float[probs.length];
        for (int i = 0; i < probs.length; i++) {
            logits[i] = probs[i] == 0 ? NEG : (float) Math.log(probs[i]);
        }
        Sampler s = Sampler.multinomial(new SplittableRandom(42));
        int n = 40_000;
        int[] counts = new int[probs.length];
        for (int i = 0; i < n; i++) {
            counts[s.sample(logits)]++;
        }
        for (int i = 0; i < probs.length; i++) {
            // 5 standard deviations of a binomial proportion at n = 40000 is < 0.013.
            assertEquals(probs[i], counts[i] / (double) n, 0.013, "token " + i);
        }
        Sampler a = Sampler.multinomial(new SplittableRandom(7));
        Sampler b = Sampler.multinomial(new SplittableRandom(7));
        for (int i = 0; i < 100; i++) {
            assertEquals(a.sample(logits), b.sample(logits));
        }
    }

    @Test
    void samplingChainOrderMatchesTransformers() {
        // penalty (seen 0: 4 -> 2) then temperature 0.5 then top-k 2 keeps tokens 1 (3/0.5=6) and 0 (2/0.5=4).
        SamplingConfig cfg = new SamplingConfig(false, 0.5f, 2, 1f, 2f, new int[] {2}, 1);
        float[] logits = {4f, 3f, 5f, 1f};
        for (LogitsProcessor p : cfg.processors()) {
            p.process(logits, history(0));
        }
        assertArrayEquals(new float[] {4f, 6f, NEG, NEG}, logits);
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SamplingConfig(false, 0f, 0, 1f, 1f, new int[0], 0));
        assertThrows(IllegalArgumentException.class, () -> new SamplingConfig(true, 1f, -1, 1f, 1f, new int[0], 0));
        assertThrows(IllegalArgumentException.class, () -> new SamplingConfig(true, 1f, 0, 0f, 1f, new int[0], 0));
    }
}
