// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.prompt;

import java.util.OptionalInt;
import org.omnidesk.runtime.api.AudioFeatures;
import org.omnidesk.runtime.api.UserInput;
import org.omnidesk.runtime.api.VisionFeatures;

/**
 * One item of a message, in order. Media are described by their sizes only, which is all the
 * template and TMRoPE need: mel frames for audio, the patch grid for images and videos (plus the
 * seconds one temporal grid covers, and the mel frames of the video's own sound when it is used).
 */
public sealed interface Content {

    /** Text, used exactly as given (no trimming). */
    record Text(String text) implements Content {
        public Text {
            if (text == null) {
                throw new IllegalArgumentException("text is null");
            }
        }
    }

    /** An audio of {@code melFrames} valid log-mel frames (10 ms each). */
    record Audio(int melFrames) implements Content {
        public Audio {
            AudioTokens.require(melFrames);
        }
    }

    record Image(GridThw grid) implements Content {}

    /** A video; with {@code audioFrames} present its sound is interleaved with the frames (audio-in-video). */
    record Video(GridThw grid, double secondPerGrid, OptionalInt audioFrames) implements Content {
        public Video {
            if (!(secondPerGrid > 0) || Double.isInfinite(secondPerGrid)) {
                throw new IllegalArgumentException("second_per_grid must be > 0, got " + secondPerGrid);
            }
            audioFrames.ifPresent(AudioTokens::require);
        }

        public boolean withAudio() {
            return audioFrames.isPresent();
        }
    }

    /** The sizes of an engine input: frames of its mel, grid of its pixels. */
    public static Content of(UserInput input) {
        if (input instanceof UserInput.Text t) {
            return new Text(t.text());
        } else if (input instanceof UserInput.Audio a) {
            return new Audio(a.features().frames());
        } else if (input instanceof UserInput.Image i) {
            return new Image(grid(i.features()));
        }
        UserInput.Video v = (UserInput.Video) input;
        return new Video(grid(v.features()), v.features().secondPerGrid(),
                v.audio().map(AudioFeatures::frames).map(OptionalInt::of).orElse(OptionalInt.empty()));
    }

    private static GridThw grid(VisionFeatures f) {
        return new GridThw(f.gridT(), f.gridH(), f.gridW());
    }
}
