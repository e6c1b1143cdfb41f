// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.audio;

import org.omnidesk.capture.api.MediaException;

/** Where {@link AudioPlayer} sends mono float PCM: a sound card line or a recording. */
public interface PcmOutput extends AutoCloseable {

    void open(int sampleRate) throws MediaException;

    /** Writes samples; blocks, like a sound card, while its buffer is full. */
    void write(float[] pcm, int offset, int length);

    @Override
    void close();
}
