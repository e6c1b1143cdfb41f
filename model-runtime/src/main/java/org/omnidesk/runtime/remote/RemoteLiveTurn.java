// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.omnidesk.runtime.api.AudioFeatures;
import org.omnidesk.runtime.api.LiveTurn;
import org.omnidesk.runtime.api.LiveTurnOptions;
import org.omnidesk.runtime.api.TurnHandle;
import org.omnidesk.runtime.api.VisionFeatures;

/**
 * A live turn for a server: the OpenAI API takes a whole message, so the blocks are kept and
 * sent at {@link #commit}. The local work is done while the user speaks: microphone samples are
 * appended and each camera frame is JPEG-encoded as it arrives, so commit only wraps them (an
 * MJPEG AVI with the microphone as its sound, or a WAV) and sends.
 */
final class RemoteLiveTurn implements LiveTurn {

    private final LiveTurnOptions options;
    private final Function<List<UploadPart>, TurnHandle> start;
    private final List<byte[]> jpegs = new ArrayList<>();
    private float[] pcm = new float[0];
    private int samples;
    private VisionFeatures firstPair;
    private boolean done;

    RemoteLiveTurn(LiveTurnOptions options, Function<List<UploadPart>, TurnHandle> start) {
        this.options = options;
        this.start = start;
    }

    @Override
    public void appendAudio(AudioFeatures block) {
        requireOpen();
        float[] block16k = UploadEncoder.samples(block, "microphone");
        if (samples + block16k.length > pcm.length) {
            pcm = Arrays.copyOf(pcm, Math.max(2 * pcm.length, samples + block16k.length));
        }
        System.arraycopy(block16k, 0, pcm, samples, block16k.length);
        samples += block16k.length;
    }

    @Override
    public void appendFrames(VisionFeatures framePair) {
        requireOpen();
        options.requireFramePair(framePair);
        if (firstPair == null) {
            firstPair = framePair;
        } else if (framePair.gridH() != firstPair.gridH() || framePair.gridW() != firstPair.gridW()) {
            throw new IllegalArgumentException("camera frames changed size during the turn: " + firstPair.gridH()
                    + "x" + firstPair.gridW() + " then " + framePair.gridH() + "x" + framePair.gridW());
        }
        jpegs.addAll(UploadEncoder.jpegFrames(framePair));
    }

    @Override
    public TurnHandle commit(String trailingText) {
        requireOpen();
        done = true;
        float[] sound = Arrays.copyOf(pcm, samples);
        List<UploadPart> parts = new ArrayList<>();
        if (!jpegs.isEmpty()) {
            parts.add(UploadEncoder.video(jpegs, firstPair, sound));
        } else if (sound.length > 0) {
            parts.add(new UploadPart.Audio(Wav.mono16(sound, MjpegAvi.AUDIO_RATE), sound.length / (double) MjpegAvi.AUDIO_RATE));
        }
        if (trailingText != null && !trailingText.isEmpty()) {
            parts.add(new UploadPart.Text(trailingText));
        }
        if (parts.isEmpty()) {
            throw new IllegalStateException("the live turn has nothing to send: no audio, frames or text");
        }
        return start.apply(parts);
    }

    @Override
    public void abort() {
        done = true;
        jpegs.clear();
        pcm = new float[0];
        samples = 0;
    }

    private void requireOpen() {
        if (done) {
            throw new IllegalStateException("the live turn was already committed or aborted");
        }
    }
}
