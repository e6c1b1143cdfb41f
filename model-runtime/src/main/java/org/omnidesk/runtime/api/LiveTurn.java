// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.api;

/**
 * A turn recorded live. While the user speaks, each 2 s block of log-mel (200 frames, the last
 * one shorter) and, with the camera on, each pair of frames is handed over and pre-filled at
 * once; {@link #commit()} adds the closing tokens and starts the answer. Calls come from one
 * producer thread, in time order.
 */
public interface LiveTurn {

    /** A block of [128, frames] log-mel, frames ≤ 200, in order. */
    void appendAudio(AudioFeatures block);

    /** Two camera frames (one temporal grid), patchified; only with {@code withCamera}. */
    void appendFrames(VisionFeatures framePair);

    /** Ends the user's input (optionally with typed text after the media) and starts answering. */
    TurnHandle commit(String trailingText);

    /** Drops the turn: nothing of it stays in the conversation. */
    void abort();
}
