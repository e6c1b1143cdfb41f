// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.prompt;

import java.util.List;

/**
 * The media of a token sequence, as transformers' {@code get_rope_index} takes them: image grids in
 * order, video grids and seconds per temporal grid in order, and audio lengths in mel frames in the
 * order their {@code <|AUDIO|>} runs appear (a video with its sound takes the next audio length).
 */
public record MediaSizes(List<GridThw> images, List<GridThw> videos, List<Double> videoSecondPerGrid,
                         List<Integer> audioFrames) {

    public static final MediaSizes NONE = new MediaSizes(List.of(), List.of(), List.of(), List.of());

    public MediaSizes {
        images = List.copyOf(images);
        videos = List.copyOf(videos);
        videoSecondPerGrid = List.copyOf(videoSecondPerGrid);
        audioFrames = List.copyOf(audioFrames);
        if (videos.size() != videoSecondPerGrid.size()) {
            throw new IllegalArgumentException(videos.size() + " video grids but " + videoSecondPerGrid.size()
                    + " video_second_per_grid values");
        }
    }
}
