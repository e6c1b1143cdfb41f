// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.api;

/**
 * Qwen2.5-Omni log-mel features of one audio: {@code mel} is [128, frames] row-major (bin-major),
 * valid frames only. {@code pcm16k} optionally keeps the 16 kHz mono samples (remote engines
 * upload audio, not features); it may be empty.
 */
public record AudioFeatures(float[] mel, int frames, float[] pcm16k) {
    public static final int MEL_BINS = 128;

    public AudioFeatures {
        if (frames < 1 || mel.length != MEL_BINS * frames) {
            throw new IllegalArgumentException("mel must be [128, frames] with frames >= 1, got "
                    + mel.length + " values for " + frames + " frames");
        }
        if (pcm16k == null) {
            pcm16k = new float[0];
        }
    }

    /** Seconds of audio these frames cover (10 ms per frame). */
    public double seconds() {
        return frames / 100.0;
    }
}
