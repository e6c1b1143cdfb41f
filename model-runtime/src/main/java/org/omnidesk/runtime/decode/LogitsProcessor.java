// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.decode;

/**
 * One step of transformers' logits pipeline, applied in place to one position's logits [V].
 * Removed tokens get {@code -Infinity}.
 */
@FunctionalInterface
public interface LogitsProcessor {

    void process(float[] logits, TokenHistory history);

    /** Divides positive and multiplies negative logits of every seen id (CTRL paper; HF semantics). */
    static LogitsProcessor repetitionPenalty(float penalty) {
        if (!(penalty > 0)) {
            throw new IllegalArgumentException("repetition penalty must be > 0, got " + penalty);
        }
        return (logits, history) -> {
            for (int id = history.nextSeen(0); id >= 0 && id < logits.length; id = history.nextSeen(id + 1)) {
                float s = logits[id];
                logits[id] = s < 0 ? s * penalty : s / penalty;
            }
        };
    }

    /** Never emit these ids (e.g. the Talker's codec_bos). */
    static LogitsProcessor suppress(int[] ids) {
        int[] copy = ids.clone();
        return (logits, history) -> {
            for (int id : copy) {
                logits[id] = Float.NEGATIVE_INFINITY;
            }
        };
    }

    static LogitsProcessor temperature(float t) {
        if (!(t > 0)) {
            throw new IllegalArgumentException("temperature must be > 0 when sampling, got " + t);
        }
        return (logits, history) -> {
            for (int i = 0; i < logits.length; i++) {
                logits[i] /= t;
            }
        };
    }

    /** Keeps every logit ≥ the k-th largest (ties kept, as torch.topk's threshold does). */
    static LogitsProcessor topK(int k) {
        return new TopK(k);
    }

    /** Drops the low tail whose cumulative probability is ≤ 1 − p; always keeps the best token. */
    static LogitsProcessor topP(float p) {
        return new TopP(p);
    }
}
