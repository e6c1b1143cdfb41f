// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.dsp;

import java.util.Arrays;
import java.util.function.Consumer;
import org.omnidesk.capture.api.AudioChunk;

/**
 * {@link LogMel} for audio as it arrives: emits 200-frame (2 s) blocks for the block-wise audio
 * encoder as soon as their samples are in, and the shorter last block on {@link #finish()}.
 * Framing is the offline one, so the blocks together hold exactly the offline frame count.
 * The (max − 8) clamp needs the clip's maximum, unknown while streaming: each block is clamped
 * with the running maximum so far; the last block sees the true one. Values can therefore only
 * sit at or below the offline ones, and only where the offline value is near its floor.
 * Single-threaded: one producer calls accept/finish.
 */
public final class StreamingLogMel {

    public static final int BLOCK_FRAMES = 200;

    private final Consumer<MelBlock> sink;
    private final LogMelKernel kernel = new LogMelKernel(LogMel.BANK);
    private final float[] window = new float[MelFraming.WINDOW];
    private final float[] head = new float[MelFraming.HEAD];
    private final float[] pending = new float[LogMel.MEL_BINS * BLOCK_FRAMES]; // [128, 200]
    private final float[] tail = new float[LogMel.MEL_BINS];                     // frames past the valid ones
    private float[] buf = new float[8 * MelFraming.WINDOW];
    private long bufStart;     // absolute index of buf[0]
    private long received;     // samples kept (at most 300 s)
    private long offered;      // samples offered, including those past 300 s
    private int nextFrame;
    private int pendingFrames;
    private int emittedFrames;
    private float runningMax = Float.NEGATIVE_INFINITY;
    private boolean finished;

    public StreamingLogMel(Consumer<MelBlock> sink) {
        this.sink = sink;
    }

    /** Appends a 16 kHz chunk. */
    public void accept(AudioChunk chunk) {
        if (chunk.sampleRate() != LogMel.SAMPLE_RATE) {
            throw new IllegalArgumentException("log-mel needs 16 kHz audio, got " + chunk.sampleRate() + " Hz");
        }
        accept(chunk.pcm(), 0, chunk.length());
    }

    /** Appends 16 kHz mono samples; computes and emits what they complete. */
    public void accept(float[] pcm, int offset, int length) {
        if (finished) {
            throw new IllegalStateException("accept after finish");
        }
        offered += length;
        int keep = (int) Math.min(length, MelFraming.MAX_SAMPLES - received);
        if (keep <= 0) {
            return;
        }
        if (received < MelFraming.HEAD) {
            int h = (int) Math.min(keep, MelFraming.HEAD - received);
            System.arraycopy(pcm, offset, head, (int) received, h);
        }
        append(pcm, offset, keep);
        while (nextFrame < MelFraming.MAX_FRAMES && MelFraming.samplesNeeded(nextFrame) <= received) {
            computeFrame(true);
        }
    }

    /** Ends the clip: computes the remaining frames and emits the last block. */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (received == 0) {
            return;
        }
        int valid = MelFraming.validFrames(received);
        int last = MelFraming.lastTouchingFrame(received);
        while (nextFrame <= last) {
            computeFrame(nextFrame < valid);
        }
        if (pendingFrames > 0) {
            emit();
        }
    }

    /** Frames emitted so far. */
    public int frames() {
        return emittedFrames;
    }

    /** True when more than 300 s were offered; the rest was ignored, as the reference does. */
    public boolean truncated() {
        return offered > MelFraming.MAX_SAMPLES;
    }

    private void append(float[] pcm, int offset, int length) {
        int used = (int) (received - bufStart);
        // Drop samples no future frame reads (frames start 200 samples before 160·t).
        long keepFrom = Math.max(0, (long) nextFrame * MelFraming.HOP - MelFraming.PAD);
        if (keepFrom > bufStart && used + length > buf.length) {
            int drop = (int) (keepFrom - bufStart);
            System.arraycopy(buf, drop, buf, 0, used - drop);
            bufStart = keepFrom;
            used -= drop;
        }
        if (used + length > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, used + length));
        }
        System.arraycopy(pcm, offset, buf, used, length);
        received += length;
    }

    private void computeFrame(boolean valid) {
        MelFraming.fill(nextFrame, window, head, buf, bufStart, received);
        float max = valid
                ? kernel.compute(window, pending, pendingFrames, BLOCK_FRAMES)
                : kernel.compute(window, tail, 0, 1);
        runningMax = Math.max(runningMax, max);
        nextFrame++;
        if (valid && ++pendingFrames == BLOCK_FRAMES) {
            emit();
        }
    }

    private void emit() {
        int frames = pendingFrames;
        float[] mel = new float[LogMel.MEL_BINS * frames];
        for (int m = 0; m < LogMel.MEL_BINS; m++) {
            System.arraycopy(pending, m * BLOCK_FRAMES, mel, m * frames, frames);
        }
        LogMelKernel.clampAndScale(mel, 0, mel.length, runningMax);
        sink.accept(new MelBlock(mel, frames, emittedFrames));
        emittedFrames += frames;
        pendingFrames = 0;
    }
}
