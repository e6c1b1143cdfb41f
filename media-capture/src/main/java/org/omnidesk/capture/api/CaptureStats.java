// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.api;

/**
 * Counters of an {@link AudioSource}: blocks and samples captured, and the overruns — blocks
 * dropped (oldest first) because the consumer fell behind and the queue was full.
 */
public record CaptureStats(long blocks, long samples, long droppedBlocks, long droppedSamples,
        int queued, int capacity) {

    public boolean overrun() {
        return droppedBlocks > 0;
    }
}
