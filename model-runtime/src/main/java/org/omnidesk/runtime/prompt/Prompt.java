// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.prompt;

import java.util.List;

/**
 * A rendered block of prompt tokens, ready for the Thinker: ids [S], TMRoPE positions [3, S] and the
 * state after them (rope_delta, decode positions, continuation), the media items in message order,
 * and the placeholder runs their encoder rows go to (in order of position).
 */
public record Prompt(long[] inputIds, RopePositions positions, List<Content> media, List<MediaSpan> spans) {

    public Prompt {
        if (positions.length() != inputIds.length) {
            throw new IllegalArgumentException(inputIds.length + " ids but " + positions.length() + " positions");
        }
        media = List.copyOf(media);
        spans = List.copyOf(spans);
    }

    public long ropeDelta() {
        return positions.state().ropeDelta();
    }

    public RopeState state() {
        return positions.state();
    }
}
