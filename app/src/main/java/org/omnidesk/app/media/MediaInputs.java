// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.media;

import java.nio.file.Path;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.audio.AudioDecoder;
import org.omnidesk.capture.dsp.LogMel;
import org.omnidesk.capture.dsp.MelSpectrogram;
import org.omnidesk.runtime.api.AudioFeatures;
import org.omnidesk.runtime.api.UserInput;

/**
 * Files → engine inputs: the media front end (decode, log-mel, resize, patchify) turned into the
 * runtime api's feature records. Shared by the command line and the window.
 */
public final class MediaInputs {

    private MediaInputs() {
    }

    /** 16 kHz mono log-mel of a whole audio (or any file's sound track); audio past 300 s is cut, as the model's extractor does. */
    public static AudioFeatures audioFeatures(Path file) throws MediaException {
        float[] pcm = AudioDecoder.decode(file, new AudioDecoder.Range(0, Double.POSITIVE_INFINITY), LogMel.MAX_SAMPLES);
        if (pcm.length == 0) {
            throw new MediaException(MediaException.Kind.NO_AUDIO_TRACK, file, "no samples decoded");
        }
        MelSpectrogram mel = LogMel.compute(pcm);
        return new AudioFeatures(mel.mel(), mel.frames(), pcm);
    }

    public static UserInput.Audio audio(Path file) throws MediaException {
        return new UserInput.Audio(audioFeatures(file), file.getFileName().toString());
    }
}
