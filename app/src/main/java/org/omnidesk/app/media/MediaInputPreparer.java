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
import org.omnidesk.runtime.api.UserInput;
import org.omnidesk.ui.chat.Attachment;

/**
 * A dropped or attached file → model input through {@link MediaInputs} (the media front end as
 * Qwen2.5-Omni's processor prepares it), plus what the window needs around it: the kind from the
 * extension, the SHA-256 for history, a thumbnail read back from the pixel values, the duration,
 * progress, and warnings instead of errors where the question can still be asked (a video
 * without sound, audio past the 300 s the model hears).
 */
public final class MediaInputPreparer implements InputPreparer {

    /** Share of the progress taken by hashing the file; the rest is decoding and features. */
    private static final double HASH_SHARE = 0.1;

    @Override
    public PreparedInput prepare(Path file, boolean useVideoSound, DoubleConsumer progress) throws MediaException {
        MediaFiles.requireReadableFile(file);
        Attachment.Kind kind = MediaKind.of(file).orElse(Attachment.Kind.VIDEO);
        progress.accept(0);
        String sha256 = sha256(file);
        progress.accept(HASH_SHARE);
        List<String> warnings = new ArrayList<>();
        String name = file.getFileName().toString();
        UserInput input;
        Attachment shown;
        switch (kind) {
            case AUDIO -> {
                UserInput.Audio audio = MediaInputs.audio(file);
                double seconds = audio.features().pcm16k().length / (double) AudioDecoder.SAMPLE_RATE;
                if (audio.features().pcm16k().length >= LogMel.MAX_SAMPLES) {
                    warnings.add(name + ": the model hears only the first " + LogMel.MAX_SAMPLES / AudioDecoder.SAMPLE_RATE
                            + " s of it");
                }
                input = audio;
                shown = new Attachment(Attachment.Kind.AUDIO, name, seconds, Optional.empty());
            }
            case IMAGE -> {
                UserInput.Image image = MediaInputs.image(file);
                input = image;
                shown = new Attachment(Attachment.Kind.IMAGE, name, 0, Optional.of(Thumbnails.of(image.features())));
            }
            case VIDEO -> {
                MediaInputs.SampledInput video = MediaInputs.video(file,
                        useVideoSound ? MediaInputs.Sound.IF_PRESENT : MediaInputs.Sound.NONE,
                        p -> progress.accept(HASH_SHARE + (1 - HASH_SHARE) * p));
                if (useVideoSound && video.input().audio().isEmpty()) {
                    warnings.add(name + " has no sound track; the question is about its pictures only");
                }
                input = video.input();
                shown = new Attachment(Attachment.Kind.VIDEO, name, video.seconds(),
                        Optional.of(Thumbnails.of(video.input().features())));
            }
            default -> throw new IllegalStateException("unknown kind " + kind);
        }
        progress.accept(1);
        return new PreparedInput(input, new StoredAttachment(shown, file.toAbsolutePath().toString(), sha256), warnings);
    }

    private static String sha256(Path file) throws MediaException {
        try {
            return Sha256.of(file);
        } catch (IOException e) {
            throw new MediaException(MediaException.Kind.NOT_FOUND, file, e.getMessage(), e);
        }
    }
}
