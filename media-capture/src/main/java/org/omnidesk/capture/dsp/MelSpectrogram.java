// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.dsp;

import java.util.Locale;
import java.util.Optional;

/**
 * Log-mel features of one clip: {@code mel} is [128, frames] bin-major, valid frames only
 * (ceil(n/160)); {@code inputSamples} is how many 16 kHz samples the caller supplied. The
 * array is handed over, not copied: the caller owns it.
 */
public record MelSpectrogram(float[] mel, int frames, long inputSamples) {

    public MelSpectrogram {
        if (frames < 0 || mel.length != (long) LogMel.MEL_BINS * frames) {
            throw new IllegalArgumentException("mel must be [128, frames], got " + mel.length
                    + " values for " + frames + " frames");
        }
    }

    /** True when the clip was longer than 300 s and only its first 300 s were used. */
    public boolean truncated() {
        return inputSamples > LogMel.MAX_SAMPLES;
    }

    /** A one-line warning the UI can show when the clip was cut to 300 s. */
    public Optional<String> warning() {
        if (!truncated()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "the audio is longer than %d s; the model hears only its first %d s",
                LogMel.MAX_SAMPLES / LogMel.SAMPLE_RATE, LogMel.MAX_SAMPLES / LogMel.SAMPLE_RATE));
    }

    public float at(int bin, int frame) {
        return mel[bin * frames + frame];
    }
}
