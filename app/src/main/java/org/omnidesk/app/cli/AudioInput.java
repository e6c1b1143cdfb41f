// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.api.MediaFiles;
import org.omnidesk.capture.audio.AudioDecoder;
import org.omnidesk.capture.io.RawF32;

/** A command's audio argument: any media file (decoded to 16 kHz mono) or a raw {@code .f32} used as is. */
final class AudioInput {

    private AudioInput() {
    }

    /** At most {@code maxSamples} samples of {@code range}. */
    static float[] load(Path input, AudioDecoder.Range range, int maxSamples) throws MediaException, IOException {
        if (!RawF32.isRawF32(input)) {
            return AudioDecoder.decode(input, range, maxSamples);
        }
        MediaFiles.requireReadableFile(input);
        long from = (long) (range.startSeconds() * AudioDecoder.SAMPLE_RATE);
        long to = Double.isInfinite(range.endSeconds()) ? Long.MAX_VALUE
                : (long) (range.endSeconds() * AudioDecoder.SAMPLE_RATE);
        return RawF32.read(input, from, Math.min(to, from + maxSamples));
    }
}
