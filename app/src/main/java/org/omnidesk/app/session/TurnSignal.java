// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.session;

/** What happened, as the state machine sees it. Signals of a turn that is no longer current are filtered out before. */
public enum TurnSignal {
    /** Push-to-talk pressed (button or held Space): an explicit request to speak. */
    TALK_PRESSED,
    /** Push-to-talk released. */
    TALK_RELEASED,
    /** Hands-free: the voice activity detector heard speech begin. */
    VOICE_STARTED,
    /** Hands-free: the voice activity detector heard speech end. */
    VOICE_ENDED,
    /** A typed or dropped-file turn was sent. */
    SUBMITTED,
    /** A speech chunk of the answer went to the player. */
    AUDIO_QUEUED,
    /** The player has played everything it was given. */
    PLAYBACK_DRAINED,
    /** The engine ended the answer (finished, cancelled or failed). */
    ANSWER_ENDED,
    /** Stop (Esc or the Stop button). */
    STOP
}
