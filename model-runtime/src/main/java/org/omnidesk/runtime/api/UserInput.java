// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.api;

import java.util.Optional;

/**
 * One item of a user turn, in message order. Media arrive as model features computed by the
 * media front end (log-mel, patchified pixels), so the engine never touches files or devices.
 * {@code label} names the source for messages and history (a file name, "microphone", "camera").
 */
public sealed interface UserInput {

    record Text(String text) implements UserInput {
        public Text {
            if (text == null) {
                throw new IllegalArgumentException("text is null");
            }
        }
    }

    record Audio(AudioFeatures features, String label) implements UserInput {}

    record Image(VisionFeatures features, String label) implements UserInput {}

    /** A video; with {@code audio} present its sound is interleaved with the frames (TMRoPE audio-in-video). */
    record Video(VisionFeatures features, Optional<AudioFeatures> audio, String label) implements UserInput {
        public boolean useAudioInVideo() {
            return audio.isPresent();
        }
    }
}
