// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.video;

import java.nio.file.Path;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.api.MediaException.Kind;
import org.omnidesk.capture.vision.Size;

/**
 * What sampling a video produced besides its pixel values (which went to a PatchSink).
 *
 * @param frameIndices      sampled frames, presentation order, [n]
 * @param frameTimesSeconds their real timestamps from the first frame, [n]
 * @param sampleFps         n / total · video fps (qwen-omni-utils' sample_fps)
 * @param secondPerGrid     seconds one temporal grid (two frames) spans: 2 / sample_fps, or 1.0 nominal
 * @param startSeconds      the first frame's time from the start of the file, for the sound of the same span
 * @param endSeconds        the end of the last frame, from the start of the file
 */
public record SampledVideo(Path path, Size source, Size resized, int totalFrames, double videoFps,
                           int[] frameIndices, double[] frameTimesSeconds, double sampleFps, double secondPerGrid,
                           int gridT, int gridH, int gridW, boolean hasAudio, double startSeconds,
                           double endSeconds) {

    public SampledVideo {
        if (frameIndices.length != frameTimesSeconds.length) {
            throw new IllegalArgumentException(frameIndices.length + " indices but " + frameTimesSeconds.length
                    + " times");
        }
        frameIndices = frameIndices.clone();
        frameTimesSeconds = frameTimesSeconds.clone();
    }

    @Override
    public int[] frameIndices() {
        return frameIndices.clone();
    }

    @Override
    public double[] frameTimesSeconds() {
        return frameTimesSeconds.clone();
    }

    /**
     * Fails with NO_AUDIO_TRACK when the file has no sound; otherwise the app decodes the sound of
     * [startSeconds, endSeconds) of {@code path} (AudioDecoder.Range) for audio-in-video.
     */
    public void requireAudio() throws MediaException {
        if (!hasAudio) {
            throw new MediaException(Kind.NO_AUDIO_TRACK, path, null);
        }
    }

    public double durationSeconds() {
        return endSeconds - startSeconds;
    }
}
