// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

/**
 * One item of a user message as it is uploaded: the bytes of a media file (sampled and resized
 * locally) or text. {@link ChatRequest} turns each into an OpenAI-style content part.
 */
sealed interface UploadPart {

    record Text(String text) implements UploadPart {}

    /** 16 kHz mono WAV. */
    record Audio(byte[] wav, double seconds) implements UploadPart {}

    /** PNG of the resized image (lossless, so the server sees the local pixels). */
    record Image(byte[] png, int width, int height) implements UploadPart {}

    /** Motion-JPEG AVI of the sampled frames, with the sound track when {@code withSound}. */
    record Video(byte[] avi, int frames, int width, int height, double fps, boolean withSound) implements UploadPart {}

    /** Encoded bytes this part adds to the request before base64 (text: its UTF-8 length, roughly). */
    default long bytes() {
        if (this instanceof Audio a) {
            return a.wav().length;
        } else if (this instanceof Image i) {
            return i.png().length;
        } else if (this instanceof Video v) {
            return v.avi().length;
        }
        return ((Text) this).text().length();
    }
}
