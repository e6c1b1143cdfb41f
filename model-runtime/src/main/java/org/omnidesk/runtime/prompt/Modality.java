// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.prompt;

/** Which encoder's rows fill a placeholder run: the audio encoder, or the vision encoder for an image or video. */
public enum Modality {
    AUDIO,
    IMAGE,
    VIDEO
}
