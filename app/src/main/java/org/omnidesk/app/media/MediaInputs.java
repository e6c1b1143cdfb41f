// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.DoubleConsumer;
import org.omnidesk.capture.api.MediaException;
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

    /** qwen-omni-utils' fetch_image: smart resize (factor 28), Pillow bicubic, patchify as two identical frames. */
    public static UserInput.Image image(Path file) throws MediaException {
        RgbImage rgb = ImageLoader.load(file);
        Size size = SmartResize.image(rgb.height(), rgb.width(), SmartResize.IMAGE_MIN_PIXELS, SmartResize.IMAGE_MAX_PIXELS);
        RgbImage resized = PilBicubic.resize(rgb, size.width(), size.height());
        VisionFeatures f = new VisionFeatures(Patchify.image(resized), 1, Patchify.gridH(size), Patchify.gridW(size), 0, null);
        return new UserInput.Image(f, file.getFileName().toString());
    }

    /** What to do with a video's sound track. */
    public enum Sound {
        /** The pictures only. */
        NONE,
        /** Its sound too; a video without one is an error. */
        REQUIRED,
        /** Its sound when it has one (the window's "use the video's sound"). */
        IF_PRESENT
    }

    /** A sampled video as engine input, with the seconds of the file its frames span. */
    public record SampledInput(UserInput.Video input, double seconds) {}

    /**
     * A video sampled as qwen-omni-utils does (2 fps, real timestamps); with {@code withSound} its
     * sound track over the sampled range is interleaved (a clear error when there is none).
     */
    public static UserInput.Video video(Path file, boolean withSound, DoubleConsumer progress) throws MediaException {
        return video(file, withSound ? Sound.REQUIRED : Sound.NONE, progress).input();
    }

    /** {@link #video(Path, boolean, DoubleConsumer)} with the choice of {@link Sound}. */
    public static SampledInput video(Path file, Sound sound, DoubleConsumer progress) throws MediaException {
        PatchArray patches = new PatchArray();
        SampledVideo v;
        try {
            v = VideoSampler.sample(file, VideoOptions.defaults(), patches, progress);
        } catch (IOException e) {
            throw new MediaException(MediaException.Kind.CORRUPT, file, e.getMessage(), e);
        }
        VisionFeatures f = new VisionFeatures(patches.values(), v.gridT(), v.gridH(), v.gridW(), v.secondPerGrid(),
                v.frameTimesSeconds());
        Optional<AudioFeatures> audio = Optional.empty();
        if (sound == Sound.REQUIRED) {
            v.requireAudio();
        }
        if (sound != Sound.NONE && v.hasAudio()) {
            float[] pcm = AudioDecoder.decode(file, new AudioDecoder.Range(v.startSeconds(), v.endSeconds()), LogMel.MAX_SAMPLES);
            MelSpectrogram mel = LogMel.compute(pcm);
            audio = Optional.of(new AudioFeatures(mel.mel(), mel.frames(), pcm));
        }
        return new SampledInput(new UserInput.Video(f, audio, file.getFileName().toString()), v.durationSeconds());
    }
}
