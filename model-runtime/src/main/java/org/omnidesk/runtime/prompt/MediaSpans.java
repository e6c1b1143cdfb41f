// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.prompt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Where each media item's encoder rows go, as the model's masked_scatter puts them: the k-th
 * {@code <|AUDIO|>} token takes the k-th row of all audio rows (audios and videos' sound in message
 * order), likewise {@code <|IMAGE|>} and {@code <|VIDEO|>}; contiguous tokens of one item form a span.
 */
final class MediaSpans {

    /** An item's rows still to place: item index in the media list, rows already placed, rows in all. */
    private static final class Rows {
        final int item;
        final int total;
        int placed;

        Rows(int item, int total) {
            this.item = item;
            this.total = total;
        }
    }

    private MediaSpans() {
    }

    static List<MediaSpan> find(long[] ids, List<Content> media, PromptConfig config) {
        Map<Modality, Deque<Rows>> queues = queues(media, config);
        List<MediaSpan> spans = new ArrayList<>();
        for (int i = 0; i < ids.length; ) {
            Modality m = ids[i] == config.audio() ? Modality.AUDIO : ids[i] == config.image() ? Modality.IMAGE
                    : ids[i] == config.video() ? Modality.VIDEO : null;
            if (m == null) {
                i++;
                continue;
            }
            Rows rows = queues.get(m).peekFirst();
            if (rows == null) {
                throw new IllegalArgumentException("more " + m + " placeholder tokens than the media provide rows");
            }
            int run = 0;
            while (i + run < ids.length && ids[i + run] == ids[i] && rows.placed + run < rows.total) {
                run++;
            }
            spans.add(new MediaSpan(rows.item, m, i, run, rows.placed));
            rows.placed += run;
            if (rows.placed == rows.total) {
                queues.get(m).removeFirst();
            }
            i += run;
        }
        return spans;
    }

    private static Map<Modality, Deque<Rows>> queues(List<Content> media, PromptConfig config) {
        Map<Modality, Deque<Rows>> q = new EnumMap<>(Modality.class);
        for (Modality m : Modality.values()) {
            q.put(m, new ArrayDeque<>());
        }
        for (int item = 0; item < media.size(); item++) {
            Content c = media.get(item);
            if (c instanceof Content.Audio a) {
                q.get(Modality.AUDIO).add(new Rows(item, AudioTokens.count(a.melFrames())));
            } else if (c instanceof Content.Image img) {
                q.get(Modality.IMAGE).add(new Rows(item, img.grid().tokens(config.spatialMerge())));
            } else if (c instanceof Content.Video v) {
                q.get(Modality.VIDEO).add(new Rows(item, v.grid().tokens(config.spatialMerge())));
                if (v.withAudio()) {
                    q.get(Modality.AUDIO).add(new Rows(item, AudioTokens.count(v.audioFrames().getAsInt())));
                }
            }
        }
        return q;
    }
}
