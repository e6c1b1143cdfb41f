// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.testing;

import org.omnidesk.runtime.remote.Chunks;
import org.omnidesk.runtime.remote.FakeOmniServer;
import org.omnidesk.runtime.remote.TestMedia;

/** What the loopback vLLM-Omni server answers in the app's remote tests. */
public final class ServerReplies {

    /** 0.2 s of a 220 Hz tone at 24 kHz: each of the answer's two speech chunks. */
    public static final float[] TONE = TestMedia.sine(4800, 24_000, 220, 0.3);

    /** Text and speech interleaved, 12 prompt and 3 new tokens, as vLLM-Omni streams them. */
    public static final FakeOmniServer.Reply ANSWER = FakeOmniServer.stream(Chunks.role(12), Chunks.text("It is"),
            Chunks.audio(TONE, false), Chunks.text(" fine."), Chunks.finishText("stop"), Chunks.audio(TONE, true),
            Chunks.usageOnly(12, 3), Chunks.DONE);

    private ServerReplies() {
    }

    /** The 16-bit samples the whole answer's speech becomes in a WAV file. */
    public static short[] answerSpeech16() {
        short[] out = new short[2 * TONE.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) Math.round(TONE[i % TONE.length] * 32767f);
        }
        return out;
    }
}
