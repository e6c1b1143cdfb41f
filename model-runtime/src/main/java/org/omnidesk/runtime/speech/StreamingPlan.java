// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.speech;

import java.util.ArrayList;
import java.util.List;

/**
 * The official low-VRAM streaming schedule of Token2Wav (QWEN25_OMNI.md §8.5 (a)), as pure
 * bookkeeping: which codes each DiT window sees, which noise rows it uses, which of its mel
 * frames it emits; and how the vocoder's mel buffer is cut. Counts are in codes for the DiT and
 * in mel frames for the vocoder; {@code repeats} mel frames per code.
 */
public final class StreamingPlan {

    /** Window sizes, all configurable; {@link #OFFICIAL} is the Qwen low-VRAM scheme. */
    public record Params(int chunkCodes, int leftCodes, int rightCodes, int vocoderLeftFrames,
                         int vocoderRightFrames, int repeats) {
        public Params {
            if (chunkCodes < 1 || leftCodes < 0 || rightCodes < 0 || vocoderLeftFrames < 0
                    || vocoderRightFrames < 0 || repeats < 1) {
                throw new IllegalArgumentException("bad streaming parameters " + this);
            }
        }
    }

    public static final Params OFFICIAL = new Params(48, 24, 12, 20, 20, 2);

    /**
     * One DiT window: codes [firstCode, firstCode + codes) of the utterance, solved from noise rows
     * [melStart, melStart + codes·repeats); keep its mel frames [keepFrom, keepTo) (window-relative).
     */
    public record Window(int firstCode, int codes, int melStart, int keepFrom, int keepTo) {
        public int keptFrames() {
            return keepTo - keepFrom;
        }
    }

    /** Feeds codes as they are generated; returns the windows that became ready. */
    public static final class DitScheduler {
        private final Params p;
        private int buffered;      // codes in the buffer
        private int bufferStart;   // utterance index of the buffer's first code
        private int leftPad;       // context codes at the buffer's start (0 for the first window)
        private int melEmitted;

        public DitScheduler(Params p) {
            this.p = p;
        }

        public List<Window> add(int newCodes) {
            List<Window> ready = new ArrayList<>();
            for (int i = 0; i < newCodes; i++) {
                buffered++;
                if (buffered == leftPad + p.chunkCodes() + p.rightCodes()) {
                    int frames = buffered * p.repeats();
                    Window w = new Window(bufferStart, buffered, melStart(),
                            leftPad * p.repeats(), frames - p.rightCodes() * p.repeats());
                    ready.add(w);
                    melEmitted += w.keptFrames();
                    leftPad = p.leftCodes();
                    int keep = leftPad + p.rightCodes();
                    bufferStart += buffered - keep;
                    buffered = keep;
                }
            }
            return ready;
        }

        /** The last window over what is left (nothing trimmed at the end), or none. */
        public List<Window> finish() {
            if (buffered == 0) {
                return List.of();
            }
            Window w = new Window(bufferStart, buffered, melStart(), leftPad * p.repeats(), buffered * p.repeats());
            melEmitted += w.keptFrames();
            buffered = 0;
            return List.of(w);
        }

        private int melStart() {
            return bufferStart * p.repeats();
        }

        public int melEmitted() {
            return melEmitted;
        }
    }

    /**
     * One vocoder call: vocode mel frames [firstFrame, firstFrame + frames) of the utterance and
     * keep samples from {@code dropLeftFrames}·hop to (frames − dropRightFrames)·hop.
     */
    public record VocoderCall(int firstFrame, int frames, int dropLeftFrames, int dropRightFrames) {
        public int keptFrames() {
            return frames - dropLeftFrames - dropRightFrames;
        }
    }

    /** Feeds emitted mel frames; returns the vocoder calls that became ready. */
    public static final class VocoderScheduler {
        private final Params p;
        private int bufferStart;
        private int buffered;
        private int leftPad;

        public VocoderScheduler(Params p) {
            this.p = p;
        }

        public List<VocoderCall> add(int newFrames) {
            buffered += newFrames;
            if (buffered <= leftPad + p.vocoderRightFrames()) {
                return List.of();
            }
            VocoderCall call = new VocoderCall(bufferStart, buffered, leftPad, p.vocoderRightFrames());
            leftPad = p.vocoderLeftFrames();
            int keep = Math.min(buffered, leftPad + p.vocoderRightFrames());
            bufferStart += buffered - keep;
            buffered = keep;
            return List.of(call);
        }

        /** The final call over the buffer (the reference always makes it), trimming only the left context. */
        public List<VocoderCall> finish() {
            if (buffered == 0) {
                return List.of();
            }
            VocoderCall call = new VocoderCall(bufferStart, buffered, leftPad, 0);
            buffered = 0;
            return List.of(call);
        }
    }
}
