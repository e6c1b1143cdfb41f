// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.audio;

import java.nio.file.Path;
import org.omnidesk.capture.api.AudioDevice;
import org.omnidesk.capture.api.AudioSource;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.api.MediaFiles;

/**
 * A media file read like a microphone ("speak this file", tests, machines without one): the
 * same capture loop, queue, overrun counting and timestamps as {@link Microphone}, fed by the
 * file decoder instead of a device.
 */
public final class FileAudioSource {

    private FileAudioSource() {
    }

    /** The file's first audio track; checked now, opened on {@code start}. */
    public static AudioSource open(Path file, CaptureSettings settings) throws MediaException {
        MediaFiles.requireReadableFile(file);
        AudioDevice device = new AudioDevice(file.toString(), String.valueOf(file.getFileName()), "file");
        return new CaptureSource(device, () -> PcmReader.openFile(file, 0, Long.MAX_VALUE), settings, false);
    }
}
