// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.decode;

import java.util.PriorityQueue;

/** transformers' TopKLogitsWarper: threshold at the k-th largest value, keep ties. */
final class TopK implements LogitsProcessor {
    private final int k;
    private final PriorityQueue<Float> heap; // min-heap of the k largest seen so far

    TopK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("top-k must be >= 1, got " + k);
        }
        this.k = k;
        this.heap = new PriorityQueue<>(k + 1);
    }

    @Override
    public void process(float[] logits, TokenHistory history) {
        if (k >= logits.length) {
            return;
        }
        heap.clear();
        for (float v : logits) {
            if (heap.size() < k) {
                heap.add(v);
            } else if (v > heap.peek()) {
                heap.poll();
                heap.add(v);
            }
        }
        float kth = heap.peek();
        for (int i = 0; i < logits.length; i++) {
            if (logits[i] < kth) {
                logits[i] = Float.NEGATIVE_INFINITY;
            }
        }
    }
}
