// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.fake;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.omnidesk.runtime.api.AudioFeatures;
import org.omnidesk.runtime.api.LiveTurn;
import org.omnidesk.runtime.api.LiveTurnOptions;
import org.omnidesk.runtime.api.TurnHandle;
import org.omnidesk.runtime.api.TurnRequest;
import org.omnidesk.runtime.api.UserInput;
import org.omnidesk.runtime.api.VisionFeatures;

/**
 * A live turn of the scripted engine: collects the blocks as they come and, on commit, submits
 * them as one ordinary request (microphone audio, or camera video with the microphone as its
 * sound), so the script sees exactly what was recorded.
 */
final class ScriptedLiveTurn implements LiveTurn {

    private final LiveTurnOptions options;
    private final Function<TurnRequest, TurnHandle> submit;
    private final List<AudioFeatures> audio = new ArrayList<>();
    private final List<VisionFeatures> frames = new ArrayList<>();
    private boolean done;

    ScriptedLiveTurn(LiveTurnOptions options, Function<TurnRequest, TurnHandle> submit) {
        this.options = options;
        this.submit = submit;
    }

    @Override
    public void appendAudio(AudioFeatures block) {
        requireOpen();
        if (block.frames() > 200) {
            throw new IllegalArgumentException("a live block holds at most 200 frames, got " + block.frames());
        }
        audio.add(block);
    }

    @Override
    public void appendFrames(VisionFeatures framePair) {
        requireOpen();
        options.requireFramePair(framePair);
        frames.add(framePair);
    }

    @Override
    public TurnHandle commit(String trailingText) {
        requireOpen();
        done = true;
        List<UserInput> inputs = new ArrayList<>();
        Optional<AudioFeatures> sound = audio.isEmpty() ? Optional.empty() : Optional.of(concatAudio(audio));
        if (!frames.isEmpty()) {
            inputs.add(new UserInput.Video(concatFrames(frames), sound, "camera"));
        } else {
            sound.ifPresent(a -> inputs.add(new UserInput.Audio(a, "microphone")));
        }
        if (trailingText != null && !trailingText.isEmpty()) {
            inputs.add(new UserInput.Text(trailingText));
        }
        if (inputs.isEmpty()) {
            throw new IllegalStateException("the live turn has nothing to answer: no audio, frames or text");
        }
        return submit.apply(new TurnRequest(inputs, options.systemPrompt(), options.speech(), options.generation()));
    }

    @Override
    public void abort() {
        done = true;
        audio.clear();
        frames.clear();
    }

    private void requireOpen() {
        if (done) {
            throw new IllegalStateException("the live turn was already committed or aborted");
        }
    }

    /** Joins [128, f_i] blocks along time into [128, Σf_i] (bin-major, so each bin row is spliced). */
    static AudioFeatures concatAudio(List<AudioFeatures> blocks) {
        int frames = blocks.stream().mapToInt(AudioFeatures::frames).sum();
        int samples = blocks.stream().mapToInt(b -> b.pcm16k().length).sum();
        float[] mel = new float[AudioFeatures.MEL_BINS * frames];
        float[] pcm = new float[samples];
        int frameOffset = 0;
        int sampleOffset = 0;
        for (AudioFeatures b : blocks) {
            for (int bin = 0; bin < AudioFeatures.MEL_BINS; bin++) {
                System.arraycopy(b.mel(), bin * b.frames(), mel, bin * frames + frameOffset, b.frames());
            }
            System.arraycopy(b.pcm16k(), 0, pcm, sampleOffset, b.pcm16k().length);
            frameOffset += b.frames();
            sampleOffset += b.pcm16k().length;
        }
        return new AudioFeatures(mel, frames, pcm);
    }

    /** Joins frame pairs [h·w, 1176] along t; pixel_values is t-major, so this is a plain append. */
    static VisionFeatures concatFrames(List<VisionFeatures> pairs) {
        VisionFeatures first = pairs.get(0);
        int perPair = first.pixelValues().length;
        float[] pixels = new float[perPair * pairs.size()];
        double[] times = pairs.stream().flatMapToDouble(p -> Arrays.stream(p.frameTimesSeconds())).toArray();
        for (int i = 0; i < pairs.size(); i++) {
            VisionFeatures p = pairs.get(i);
            if (p.gridH() != first.gridH() || p.gridW() != first.gridW()) {
                throw new IllegalArgumentException("camera frames changed size during the turn: "
                        + first.gridH() + "x" + first.gridW() + " then " + p.gridH() + "x" + p.gridW());
            }
            System.arraycopy(p.pixelValues(), 0, pixels, i * perPair, perPair);
        }
        return new VisionFeatures(pixels, pairs.size(), first.gridH(), first.gridW(), first.secondPerGrid(), times);
    }
}
