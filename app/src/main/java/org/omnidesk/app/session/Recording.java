// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.session;

import java.util.Arrays;
import java.util.Optional;
import org.omnidesk.capture.api.AudioChunk;
import org.omnidesk.capture.dsp.LogMel;
import org.omnidesk.capture.dsp.MelSpectrogram;
import org.omnidesk.capture.dsp.StreamingLogMel;
import org.omnidesk.runtime.api.AudioFeatures;
import org.omnidesk.runtime.api.LiveTurn;
import org.omnidesk.runtime.api.TurnHandle;

/**
 * What the microphone records into while the user talks, on the voice thread. Live: each 2 s
 * of log-mel goes to the engine's {@link LiveTurn} as it completes (block-wise prefill), and the
 * release only adds the last block. Buffered: the samples are kept and turned into features on
 * release (used when the question is about attached files, which a live turn cannot carry).
 */
abstract sealed class Recording {

    /** Shorter than this is a slip of the finger, not a question. */
    static final double MIN_SECONDS = 0.3;

    /** The outcome on release: a started turn (live), features to submit (buffered), or nothing (too short). */
    record Result(Optional<TurnHandle> started, Optional<AudioFeatures> audio, double seconds) {}

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

        Live(LiveTurn live) {
            this.live = live;
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
                live.abort();
                return new Result(Optional.empty(), Optional.empty(), seconds());
            }
            mel.finish();
            return new Result(Optional.of(live.commit("")), Optional.empty(), seconds());
        }

        @Override
        void abort() {
            live.abort();
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
                return new Result(Optional.empty(), Optional.empty(), seconds());
            }
            float[] recorded = Arrays.copyOf(pcm, length);
            MelSpectrogram mel = LogMel.compute(recorded);
            return new Result(Optional.empty(), Optional.of(new AudioFeatures(mel.mel(), mel.frames(), recorded)), seconds());
        }

        @Override
        void abort() {
            length = 0;
        }
    }
}
