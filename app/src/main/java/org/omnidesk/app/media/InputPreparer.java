// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.media;

import java.nio.file.Path;
import java.util.function.DoubleConsumer;
import org.omnidesk.capture.api.MediaException;

/** Turns a dropped or attached file into model input (decoding, sampling, features). */
@FunctionalInterface
public interface InputPreparer {

    /**
     * Prepares {@code file}; {@code useVideoSound} keeps a video's sound track as its audio
     * (audio-in-video). {@code progress} gets fractions in [0, 1] on the calling thread.
     */
    PreparedInput prepare(Path file, boolean useVideoSound, DoubleConsumer progress) throws MediaException;
}
