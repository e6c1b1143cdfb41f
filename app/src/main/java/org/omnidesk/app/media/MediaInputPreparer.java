// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleConsumer;
import org.omnidesk.app.Sha256;
import org.omnidesk.app.history.StoredAttachment;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.api.MediaFiles;
import org.omnidesk.capture.audio.AudioDecoder;
import org.omnidesk.capture.dsp.LogMel;
import org.omnidesk.capture.dsp.MelSpectrogram;
import org.omnidesk.runtime.api.AudioFeatures;
import org.omnidesk.runtime.api.UserInput;
import org.omnidesk.ui.chat.Attachment;

/**
 * Files → model input with the media front ends: audio through {@link AudioDecoder} (16 kHz
 * mono) and {@link LogMel} ([128, frames]). Every attachment is hashed (SHA-256) for history.
 */
public final class MediaInputPreparer implements InputPreparer {

    @Override
    public PreparedInput prepare(Path file, boolean useVideoSound, DoubleConsumer progress) throws MediaException {
        MediaFiles.requireReadableFile(file);
        Attachment.Kind kind = MediaKind.of(file).orElse(Attachment.Kind.AUDIO);
        if (kind != Attachment.Kind.AUDIO) {
            throw new MediaException(MediaException.Kind.UNSUPPORTED, file,
                    "images and videos need the vision front end, which this build does not have yet");
        }
        progress.accept(0);
        String sha256 = sha256(file);
        progress.accept(0.2);
        List<String> warnings = new ArrayList<>();
        AudioFeatures audio = audioFeatures(file, warnings);
        progress.accept(1);
        Attachment shown = new Attachment(Attachment.Kind.AUDIO, file.getFileName().toString(), audio.pcm16k().length
                / (double) AudioDecoder.SAMPLE_RATE, Optional.empty());
        return new PreparedInput(new UserInput.Audio(audio, shown.name()),
                new StoredAttachment(shown, file.toAbsolutePath().toString(), sha256), warnings);
    }

    /** The whole first sound track as log-mel; the 16 kHz samples ride along for remote engines. */
    static AudioFeatures audioFeatures(Path file, List<String> warnings) throws MediaException {
        float[] pcm = AudioDecoder.decode(file);
        MelSpectrogram mel = LogMel.compute(pcm);
        if (mel.frames() < 1) {
            throw new MediaException(MediaException.Kind.NO_AUDIO_TRACK, file, "the sound track is empty");
        }
        mel.warning().ifPresent(w -> warnings.add(file.getFileName() + ": " + w));
        return new AudioFeatures(mel.mel(), mel.frames(), pcm);
    }

    static String sha256(Path file) throws MediaException {
        try {
            return Sha256.of(file);
        } catch (IOException e) {
            throw new MediaException(MediaException.Kind.NOT_FOUND, file, e.getMessage(), e);
        }
    }
}
