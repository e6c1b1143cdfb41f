// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.prompt;

/**
 * A run of placeholder tokens to overwrite with encoder rows: token positions [start, start+length)
 * of the prompt take rows [firstRow, firstRow+length) of media item {@code item}'s encoder output
 * (audio encoder for AUDIO, vision encoder for IMAGE and VIDEO). {@code item} indexes
 * {@link Prompt#media()}. A video with its sound gives alternating VIDEO and AUDIO runs of one item.
 */
public record MediaSpan(int item, Modality modality, int start, int length, int firstRow) {

    public MediaSpan {
        if (item < 0 || start < 0 || length < 1 || firstRow < 0) {
            throw new IllegalArgumentException("bad span " + item + "/" + modality + " at " + start + "+" + length);
        }
    }
}
