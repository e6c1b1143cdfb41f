// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.dsp;

/**
 * One block of streamed log-mel for the block-wise audio encoder: {@code mel} is [128, frames]
 * bin-major with frames ≤ 200 (2 s), starting at clip frame {@code firstFrame}. The array is
 * handed over, not copied.
 */
public record MelBlock(float[] mel, int frames, int firstFrame) {

    public MelBlock {
        if (frames < 1 || frames > StreamingLogMel.BLOCK_FRAMES || mel.length != LogMel.MEL_BINS * frames) {
            throw new IllegalArgumentException("a mel block is [128, 1..200], got " + mel.length
                    + " values for " + frames + " frames");
        }
        if (firstFrame < 0) {
            throw new IllegalArgumentException("firstFrame < 0: " + firstFrame);
        }
    }

    public float at(int bin, int frame) {
        return mel[bin * frames + frame];
    }
}
