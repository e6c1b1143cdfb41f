// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.prompt;

import java.util.ArrayList;
import java.util.List;

/**
 * transformers' {@code get_chunked_index}: splits a non-decreasing list of temporal values into
 * [start, end) runs at each multiple of {@code perChunk}. Walking the tokens with chunk counter
 * {@code c = 1}, a token whose value is ≥ c·perChunk closes the run before it and raises c by one,
 * so one token crosses one boundary only (a big jump opens one-token runs on the following tokens).
 */
final class ChunkedIndex {

    private ChunkedIndex() {
    }

    static List<int[]> split(double[] values, int perChunk) {
        List<int[]> runs = new ArrayList<>();
        int start = 0;
        long chunk = 1;
        for (int i = 0; i < values.length; i++) {
            if (values[i] >= chunk * perChunk) {
                runs.add(new int[] {start, i});
                start = i;
                chunk++;
            }
        }
        runs.add(new int[] {start, values.length});
        return runs;
    }
}
