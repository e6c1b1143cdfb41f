// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.session;

import java.util.List;

/**
 * The turn cycle IDLE → LISTENING → THINKING → SPEAKING → IDLE, with barge-in back to
 * LISTENING. Pure and single-threaded: the session feeds it signals on its own thread and carries
 * out the returned actions. SPEAKING lasts until the engine has ended the answer <em>and</em> the
 * player has drained, so the state shows what the user hears, not what the engine does.
 *
 * <p>Barge-in: pressing talk always interrupts an answer (an explicit request); speech heard by
 * the voice detector interrupts it only with barge-in on (otherwise the assistant's own voice from
 * the speakers would cut it off).
 */
public final class TurnStateMachine {

    /** The result of one signal; {@code accepted} is false when the signal meant nothing in {@code from}. */
    public record Transition(TurnState from, TurnState to, List<TurnAction> actions, boolean accepted) {
        public Transition {
            actions = List.copyOf(actions);
        }
    }

    private static final List<TurnAction> INTERRUPT_AND_RECORD =
            List.of(TurnAction.CANCEL_ANSWER, TurnAction.STOP_PLAYBACK, TurnAction.START_RECORDING);
    private static final List<TurnAction> INTERRUPT = List.of(TurnAction.CANCEL_ANSWER, TurnAction.STOP_PLAYBACK);

    private TurnState state = TurnState.IDLE;
    private boolean bargeIn;
    private boolean answerEnded;
    private boolean playbackDrained = true;

    public TurnStateMachine(boolean bargeIn) {
        this.bargeIn = bargeIn;
    }

    public TurnState state() {
        return state;
    }

    public void setBargeIn(boolean bargeIn) {
        this.bargeIn = bargeIn;
    }

    public Transition on(TurnSignal signal) {
        return switch (state) {
            case IDLE -> idle(signal);
            case LISTENING -> listening(signal);
            case THINKING, SPEAKING -> answering(signal);
        };
    }

    private Transition idle(TurnSignal signal) {
        return switch (signal) {
            case TALK_PRESSED, VOICE_STARTED -> go(TurnState.LISTENING, List.of(TurnAction.START_RECORDING));
            case SUBMITTED -> startAnswer(List.of());
            default -> ignore();
        };
    }

    private Transition listening(TurnSignal signal) {
        return switch (signal) {
            case TALK_RELEASED, VOICE_ENDED -> startAnswer(List.of(TurnAction.COMMIT_RECORDING));
            case STOP -> go(TurnState.IDLE, List.of(TurnAction.ABORT_RECORDING));
            default -> ignore();
        };
    }

    private Transition answering(TurnSignal signal) {
        return switch (signal) {
            case TALK_PRESSED -> go(TurnState.LISTENING, INTERRUPT_AND_RECORD);
            case VOICE_STARTED -> bargeIn ? go(TurnState.LISTENING, INTERRUPT_AND_RECORD) : ignore();
            case STOP -> go(TurnState.IDLE, INTERRUPT);
            case SUBMITTED -> startAnswer(INTERRUPT);
            case AUDIO_QUEUED -> {
                playbackDrained = false;
                yield go(TurnState.SPEAKING, List.of());
            }
            case PLAYBACK_DRAINED -> {
                playbackDrained = true;
                yield settle();
            }
            case ANSWER_ENDED -> {
                answerEnded = true;
                yield settle();
            }
            case TALK_RELEASED, VOICE_ENDED -> ignore();
        };
    }

    /** Back to IDLE once the answer is over and nothing is left to hear. */
    private Transition settle() {
        return answerEnded && (state == TurnState.THINKING || playbackDrained)
                ? go(TurnState.IDLE, List.of()) : go(state, List.of());
    }

    private Transition startAnswer(List<TurnAction> actions) {
        answerEnded = false;
        playbackDrained = true;
        return go(TurnState.THINKING, actions);
    }

    private Transition go(TurnState to, List<TurnAction> actions) {
        TurnState from = state;
        state = to;
        return new Transition(from, to, actions, true);
    }

    private Transition ignore() {
        return new Transition(state, state, List.of(), false);
    }
}
