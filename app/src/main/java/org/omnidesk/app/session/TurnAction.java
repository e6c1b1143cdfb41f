// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.session;

/** What the state machine asks its owner to do, in the order a transition lists them. */
public enum TurnAction {
    /** Cancel the answer in flight (engine turn). */
    CANCEL_ANSWER,
    /** Drop queued speech and silence the speaker at once. */
    STOP_PLAYBACK,
    /** Open a live turn and feed it the microphone (and camera). */
    START_RECORDING,
    /** End the recording and let the engine answer it. */
    COMMIT_RECORDING,
    /** Throw the recording away. */
    ABORT_RECORDING
}
