// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.speech;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Codes in, 24 kHz PCM chunks out, for one utterance. Streaming follows {@link StreamingPlan}
 * (first audio after 60 codes); full mode solves the whole utterance as one window at the end, as
 * transformers does. The mel emitted so far is kept for the vocoder's context.
 */
public final class SpeechStream {
    private final Token2Wav token2wav;
    private final Token2Wav.Voice voice;
    private final float[] grid;
    private final FlowOde.Solver solver;
    private final NoiseRows noise;
    private final StreamingPlan.DitScheduler dit;
    private final StreamingPlan.VocoderScheduler vocoder;
    private final int melDim;
    private final int hop;
    private final OrtSession.RunOptions runOptions;
    private final Consumer<float[]> pcm;
    private int[] codes = new int[64];
    private int codeCount;
    private float[] mel = new float[0]; // emitted mel [frames, melDim]
    private int melFrames;

    /** {@code params} null = full (non-streaming) mode. */
    public SpeechStream(Token2Wav token2wav, Token2Wav.Voice voice, float[] grid, FlowOde.Solver solver,
                        NoiseRows noise, StreamingPlan.Params params, int melDim, int hop,
                        OrtSession.RunOptions runOptions, Consumer<float[]> pcm) {
        this.token2wav = token2wav;
        this.voice = voice;
        this.grid = grid;
        this.solver = solver;
        this.noise = noise;
        this.dit = params == null ? null : new StreamingPlan.DitScheduler(params);
        this.vocoder = params == null ? null : new StreamingPlan.VocoderScheduler(params);
        this.melDim = melDim;
        this.hop = hop;
        this.runOptions = runOptions;
        this.pcm = pcm;
    }

    /** One code (already &lt; num_codes). */
    public void add(int code) throws OrtException {
        if (codeCount == codes.length) {
            codes = Arrays.copyOf(codes, 2 * codes.length);
        }
        codes[codeCount++] = code;
        if (dit != null) {
            for (StreamingPlan.Window w : dit.add(1)) {
                solve(w);
            }
        }
    }

    /** The utterance's codes are complete: emit the rest. */
    public void finish() throws OrtException {
        if (dit == null) {
            if (codeCount > 0) {
                solve(new StreamingPlan.Window(0, codeCount, 0, 0, 2 * codeCount));
                emit(new StreamingPlan.VocoderCall(0, melFrames, 0, 0));
            }
            return;
        }
        for (StreamingPlan.Window w : dit.finish()) {
            solve(w);
        }
        for (StreamingPlan.VocoderCall c : vocoder.finish()) {
            emit(c);
        }
    }

    /** Codes handed to Token2Wav so far. */
    public int[] codes() {
        return Arrays.copyOf(codes, codeCount);
    }

    /** The mel emitted so far, [frames, melDim] row-major. */
    public float[] mel() {
        return Arrays.copyOf(mel, melFrames * melDim);
    }

    private void solve(StreamingPlan.Window w) throws OrtException {
        int[] windowCodes = Arrays.copyOfRange(codes, w.firstCode(), w.firstCode() + w.codes());
        int frames = 2 * w.codes();
        float[] y = token2wav.mel(windowCodes, voice, noise.rows(w.melStart(), frames), grid, solver, runOptions);
        int kept = w.keptFrames();
        if ((melFrames + kept) * melDim > mel.length) {
            mel = Arrays.copyOf(mel, Math.max((melFrames + kept) * melDim, 2 * mel.length));
        }
        System.arraycopy(y, w.keepFrom() * melDim, mel, melFrames * melDim, kept * melDim);
        melFrames += kept;
        if (vocoder != null) {
            for (StreamingPlan.VocoderCall c : vocoder.add(kept)) {
                emit(c);
            }
        }
    }

    private void emit(StreamingPlan.VocoderCall c) throws OrtException {
        float[] rows = Arrays.copyOfRange(mel, c.firstFrame() * melDim, (c.firstFrame() + c.frames()) * melDim);
        float[] wave = token2wav.vocode(rows, runOptions);
        int from = c.dropLeftFrames() * hop;
        int to = wave.length - c.dropRightFrames() * hop;
        if (to > from) {
            pcm.accept(Arrays.copyOfRange(wave, from, to));
        }
    }
}
