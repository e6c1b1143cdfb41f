// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.media;

import java.nio.file.Path;
import java.util.List;
import org.omnidesk.capture.api.AudioDevice;
import org.omnidesk.capture.api.AudioSource;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.audio.CaptureSettings;
import org.omnidesk.capture.audio.FileAudioSource;
import org.omnidesk.capture.audio.Microphone;

/** Where spoken input comes from: the platform's microphones, or a file that speaks like one. */
public interface Microphones {

    /** The inputs to offer (may probe devices: call off the FX thread). */
    List<AudioDevice> devices();

    /** A source for {@code device}, not yet started. */
    AudioSource open(AudioDevice device) throws MediaException;

    /** The platform's microphones (PulseAudio/ALSA, DirectShow, AVFoundation). */
    static Microphones system() {
        return new Microphones() {
            @Override
            public List<AudioDevice> devices() {
                List<AudioDevice> listed = Microphone.devices();
                return listed.isEmpty() ? List.of(Microphone.defaultDevice()) : listed;
            }

            @Override
            public AudioSource open(AudioDevice device) {
                return Microphone.open(device, CaptureSettings.DEFAULT);
            }
        };
    }

    /**
     * One "microphone" that says what {@code file} holds, in real time, each time it is opened:
     * for machines without a microphone, demos ({@code -Domnidesk.microphone.file=F}) and tests.
     */
    static Microphones file(Path file) {
        AudioDevice device = new AudioDevice(file.toString(), "File: " + file.getFileName(), "file");
        return new Microphones() {
            @Override
            public List<AudioDevice> devices() {
                return List.of(device);
            }

            @Override
            public AudioSource open(AudioDevice ignored) throws MediaException {
                return FileAudioSource.open(file, CaptureSettings.DEFAULT);
            }
        };
    }
}
