// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.omnidesk.capture.video.SampledVideo;
import org.omnidesk.capture.video.VideoOptions;
import org.omnidesk.capture.video.VideoSampler;
import org.omnidesk.capture.vision.ImageLoader;
import org.omnidesk.capture.vision.PatchArray;
import org.omnidesk.capture.vision.Patchify;
import org.omnidesk.capture.vision.PilBicubic;
import org.omnidesk.capture.vision.RgbImage;
import org.omnidesk.capture.vision.Size;
import org.omnidesk.capture.vision.SmartResize;
import org.omnidesk.runtime.api.AudioFeatures;
import org.omnidesk.runtime.api.UserInput;
import org.omnidesk.runtime.api.VisionFeatures;
import org.omnidesk.ui.chat.Attachment;
import org.omnidesk.ui.fx.ArgbImage;

/**
 * Files → model input with the media front ends, as Qwen2.5-Omni's processor prepares them:
 * audio through {@link AudioDecoder} (16 kHz mono) and {@link LogMel} ([128, frames]); images
 * through {@link ImageLoader}, {@link SmartResize}, Pillow-exact bicubic and {@link Patchify}
 * ([h·w, 1176]); videos through {@link VideoSampler} (2 fps sampling, [t·h·w, 1176]) with, when
 * asked, their own sound over the sampled span (audio-in-video). Every attachment is hashed for
 * history, and images and videos get a thumbnail.
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
        PreparedInput prepared = switch (kind) {
            case AUDIO -> {
                AudioFeatures audio = audioFeatures(file, AudioDecoder.Range.ALL, warnings);
                yield input(new UserInput.Audio(audio, name), new Attachment(Attachment.Kind.AUDIO, name,
                        seconds(audio), Optional.empty()), file, sha256, warnings);
            }
            case IMAGE -> image(file, name, sha256, warnings);
            case VIDEO -> video(file, name, sha256, useVideoSound, warnings, progress);
        };
        progress.accept(1);
        return prepared;
    }

    private static PreparedInput image(Path file, String name, String sha256, List<String> warnings) throws MediaException {
        RgbImage image = ImageLoader.load(file);
        Size size = SmartResize.image(image.height(), image.width(), SmartResize.IMAGE_MIN_PIXELS, SmartResize.IMAGE_MAX_PIXELS);
        float[] pixels = Patchify.image(PilBicubic.resize(image, size.width(), size.height()));
        VisionFeatures features = new VisionFeatures(pixels, 1, Patchify.gridH(size), Patchify.gridW(size), 0, new double[0]);
        return input(new UserInput.Image(features, name), new Attachment(Attachment.Kind.IMAGE, name, 0,
                Optional.of(Thumbnails.of(image))), file, sha256, warnings);
    }

    private static PreparedInput video(Path file, String name, String sha256, boolean useSound, List<String> warnings,
                                       DoubleConsumer progress) throws MediaException {
        PatchArray patches = new PatchArray();
        Thumbnails.FirstFrame thumbnail = new Thumbnails.FirstFrame(patches);
        SampledVideo sampled;
        try {
            // Sampling and patchify take most of the time; the sound's features the rest.
            sampled = VideoSampler.sample(file, VideoOptions.defaults(), thumbnail,
                    p -> progress.accept(HASH_SHARE + 0.8 * p));
        } catch (IOException e) {
            throw new MediaException(MediaException.Kind.CORRUPT, file, e.getMessage(), e);
        }
        VisionFeatures features = new VisionFeatures(patches.values(), sampled.gridT(), sampled.gridH(), sampled.gridW(),
                sampled.secondPerGrid(), sampled.frameTimesSeconds());
        Optional<AudioFeatures> sound = Optional.empty();
        if (useSound && sampled.hasAudio()) {
            sound = Optional.of(audioFeatures(file, new AudioDecoder.Range(sampled.startSeconds(), sampled.endSeconds()),
                    warnings));
        } else if (useSound) {
            warnings.add(name + " has no sound track; the question is about its pictures only");
        }
        ArgbImage thumb = thumbnail.thumbnail();
        return input(new UserInput.Video(features, sound, name), new Attachment(Attachment.Kind.VIDEO, name,
                sampled.durationSeconds(), Optional.ofNullable(thumb)), file, sha256, warnings);
    }

    /**
     * The sound of {@code range} as log-mel, at most the 300 s the model hears (decoding stops
     * there); the 16 kHz samples ride along for remote engines.
     */
    private static AudioFeatures audioFeatures(Path file, AudioDecoder.Range range, List<String> warnings)
            throws MediaException {
        float[] pcm = AudioDecoder.decode(file, range, LogMel.MAX_SAMPLES + 1);
        if (pcm.length > LogMel.MAX_SAMPLES) {
            pcm = Arrays.copyOf(pcm, LogMel.MAX_SAMPLES);
            warnings.add(file.getFileName() + ": the model hears only the first "
                    + LogMel.MAX_SAMPLES / AudioDecoder.SAMPLE_RATE + " s of its sound");
        }
        MelSpectrogram mel = LogMel.compute(pcm);
        if (mel.frames() < 1) {
            throw new MediaException(MediaException.Kind.NO_AUDIO_TRACK, file, "the sound track is empty");
        }
        return new AudioFeatures(mel.mel(), mel.frames(), pcm);
    }

    private static PreparedInput input(UserInput input, Attachment shown, Path file, String sha256, List<String> warnings) {
        return new PreparedInput(input, new StoredAttachment(shown, file.toAbsolutePath().toString(), sha256), warnings);
    }

    private static double seconds(AudioFeatures audio) {
        return audio.pcm16k().length / (double) AudioDecoder.SAMPLE_RATE;
    }

    private static String sha256(Path file) throws MediaException {
        try {
            return Sha256.of(file);
        } catch (IOException e) {
            throw new MediaException(MediaException.Kind.NOT_FOUND, file, e.getMessage(), e);
        }
    }
}
