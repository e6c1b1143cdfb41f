// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.session;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.omnidesk.app.media.Thumbnails;
import org.omnidesk.capture.api.AudioChunk;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.dsp.LogMel;
import org.omnidesk.capture.dsp.MelSpectrogram;
import org.omnidesk.capture.dsp.StreamingLogMel;
import org.omnidesk.capture.video.LiveVideoSampler;
import org.omnidesk.capture.video.SampledVideo;
import org.omnidesk.capture.vision.PatchArray;
import org.omnidesk.runtime.api.AudioFeatures;
import org.omnidesk.runtime.api.LiveTurn;
import org.omnidesk.runtime.api.TurnHandle;
import org.omnidesk.runtime.api.VisionFeatures;
import org.omnidesk.ui.fx.ArgbImage;

/**
 * What the microphone records into while the user talks, on the voice thread. Live: each 2 s
 * of log-mel goes to the engine's {@link LiveTurn} as it completes (block-wise prefill), and the
 * release only adds the last block. Buffered: the samples are kept and turned into features on
 * release (used when the question is about attached files, which a live turn cannot carry).
 */
abstract sealed class Recording {

    /** Shorter than this is a slip of the finger, not a question. */
    static final double MIN_SECONDS = 0.3;

    /**
     * The outcome on release: a started turn (live), features to submit (buffered), or nothing
     * (too short); with the camera, the first picture of the turn and any camera trouble.
     */
    record Result(Optional<TurnHandle> started, Optional<AudioFeatures> audio, double seconds,
                  Optional<ArgbImage> camera, Optional<String> problem) {
        static Result nothing(double seconds) {
            return new Result(Optional.empty(), Optional.empty(), seconds, Optional.empty(), Optional.empty());
        }
    }

    private long samples;

    final void accept(AudioChunk chunk) {
        samples += chunk.length();
        take(chunk);
    }

    double seconds() {
        return samples / (double) LogMel.SAMPLE_RATE;
    }

    abstract void take(AudioChunk chunk);

    abstract Result finish();

    abstract void abort();

    static final class Live extends Recording {
        private final LiveTurn live;
        private final StreamingLogMel mel;
        private float[] sinceBlock = new float[16_000 * 3]; // samples not yet handed over with a block
        private int held;
        private final Optional<LiveVideoSampler> camera;

        /** {@code camera}: a 2 fps sampler already begun at the turn's start, when the camera is on. */
        Live(LiveTurn live, Optional<LiveVideoSampler> camera) {
            this.live = live;
            this.camera = camera;
            // [128, ≤200] blocks, handed to the engine as soon as their 2 s are in, with the samples that
            // arrived since the last block (a remote engine uploads the sound, the local one reads the mel).
            this.mel = new StreamingLogMel(block -> {
                float[] samples = Arrays.copyOf(sinceBlock, held);
                held = 0;
                live.appendAudio(new AudioFeatures(block.mel(), block.frames(), samples));
            });
        }

        @Override
        void take(AudioChunk chunk) {
            if (held + chunk.length() > sinceBlock.length) {
                sinceBlock = Arrays.copyOf(sinceBlock, Math.max(sinceBlock.length * 2, held + chunk.length()));
            }
            chunk.copyTo(sinceBlock, held);
            held += chunk.length();
            mel.accept(chunk);
        }

        @Override
        Result finish() {
            if (seconds() < MIN_SECONDS) {
                abort();
                return Result.nothing(seconds());
            }
            mel.finish();
            Optional<ArgbImage> picture = Optional.empty();
            Optional<String> problem = Optional.empty();
            if (camera.isPresent()) {
                try {
                    picture = appendFrames(camera.get());
                } catch (MediaException | IOException e) {
                    problem = Optional.of(e.getMessage() + "; the question went without the camera");
                }
            }
            return new Result(Optional.of(live.commit("")), Optional.empty(), seconds(), picture, problem);
        }

        /**
         * The turn's 2 fps pictures as frame pairs (one temporal grid each, [h·w, 1176]), after
         * its audio: the engine prefills each 2 s of audio with its pictures once both are in.
         */
        private Optional<ArgbImage> appendFrames(LiveVideoSampler sampler) throws MediaException, IOException {
            PatchArray pixels = new PatchArray();
            SampledVideo video = sampler.end(pixels);
            int perGrid = video.gridH() * video.gridW() * VisionFeatures.PATCH_DIM;
            double[] times = video.frameTimesSeconds();
            Optional<ArgbImage> first = Optional.empty();
            for (int t = 0; t < video.gridT(); t++) {
                float[] pair = Arrays.copyOfRange(pixels.values(), t * perGrid, (t + 1) * perGrid);
                double[] pairTimes = Arrays.copyOfRange(times, Math.min(2 * t, times.length - 1), Math.min(2 * t + 2, times.length));
                VisionFeatures grid = new VisionFeatures(pair, 1, video.gridH(), video.gridW(), video.secondPerGrid(), pairTimes);
                first = first.or(() -> Optional.of(Thumbnails.of(grid)));
                live.appendFrames(grid);
            }
            return first;
        }

        @Override
        void abort() {
            live.abort();
            camera.ifPresent(c -> {
                try {
                    c.end(new PatchArray());
                } catch (MediaException | IOException e) {
                    // the turn is dropped; nothing of the camera is needed
                }
            });
        }
    }

    static final class Buffered extends Recording {
        private float[] pcm = new float[16_000 * 10];
        private int length;

        @Override
        void take(AudioChunk chunk) {
            if (length + chunk.length() > pcm.length) {
                pcm = Arrays.copyOf(pcm, Math.max(pcm.length * 2, length + chunk.length()));
            }
            chunk.copyTo(pcm, length);
            length += chunk.length();
        }

        @Override
        Result finish() {
            if (seconds() < MIN_SECONDS) {
                return Result.nothing(seconds());
            }
            float[] recorded = Arrays.copyOf(pcm, length);
            MelSpectrogram mel = LogMel.compute(recorded);
            return new Result(Optional.empty(), Optional.of(new AudioFeatures(mel.mel(), mel.frames(), recorded)), seconds(),
                    Optional.empty(), Optional.empty());
        }

        @Override
        void abort() {
            length = 0;
        }
    }
}
