// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.omnidesk.app.session.TurnAction.ABORT_RECORDING;
import static org.omnidesk.app.session.TurnAction.CANCEL_ANSWER;
import static org.omnidesk.app.session.TurnAction.COMMIT_RECORDING;
import static org.omnidesk.app.session.TurnAction.START_RECORDING;
import static org.omnidesk.app.session.TurnAction.STOP_PLAYBACK;
import static org.omnidesk.app.session.TurnSignal.ANSWER_ENDED;
import static org.omnidesk.app.session.TurnSignal.AUDIO_QUEUED;
import static org.omnidesk.app.session.TurnSignal.PLAYBACK_DRAINED;
import static org.omnidesk.app.session.TurnSignal.STOP;
import static org.omnidesk.app.session.TurnSignal.SUBMITTED;
import static org.omnidesk.app.session.TurnSignal.TALK_PRESSED;
import static org.omnidesk.app.session.TurnSignal.TALK_RELEASED;
import static org.omnidesk.app.session.TurnSignal.VOICE_ENDED;
import static org.omnidesk.app.session.TurnSignal.VOICE_STARTED;
import static org.omnidesk.app.session.TurnState.IDLE;
import static org.omnidesk.app.session.TurnState.LISTENING;
import static org.omnidesk.app.session.TurnState.SPEAKING;
import static org.omnidesk.app.session.TurnState.THINKING;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.omnidesk.app.session.TurnStateMachine.Transition;

class TurnStateMachineTest {

    private static TurnStateMachine run(boolean bargeIn, TurnSignal... signals) {
        TurnStateMachine m = new TurnStateMachine(bargeIn);
        for (TurnSignal s : signals) {
            m.on(s);
        }
        return m;
    }

    @Test
    void aSpokenTurnGoesRoundTheFullCycle() {
        TurnStateMachine m = new TurnStateMachine(true);
        assertEquals(new Transition(IDLE, LISTENING, List.of(START_RECORDING), true), m.on(TALK_PRESSED));
        assertEquals(new Transition(LISTENING, THINKING, List.of(COMMIT_RECORDING), true), m.on(TALK_RELEASED));
        assertEquals(new Transition(THINKING, SPEAKING, List.of(), true), m.on(AUDIO_QUEUED));
        assertEquals(SPEAKING, m.on(ANSWER_ENDED).to(), "the answer is generated but still being heard");
        assertEquals(new Transition(SPEAKING, IDLE, List.of(), true), m.on(PLAYBACK_DRAINED));
    }

    @Test
    void speakingWaitsForTheEngineWhenThePlayerRunsDryEarly() {
        TurnStateMachine m = run(true, SUBMITTED, AUDIO_QUEUED, PLAYBACK_DRAINED);
        assertEquals(SPEAKING, m.state(), "a gap between chunks is not the end");
        m.on(AUDIO_QUEUED);
        m.on(ANSWER_ENDED);
        assertEquals(SPEAKING, m.state(), "the last chunk is still playing");
        m.on(PLAYBACK_DRAINED);
        assertEquals(IDLE, m.state());
    }

    @Test
    void aTextOnlyAnswerEndsInIdleWithoutSpeaking() {
        TurnStateMachine m = new TurnStateMachine(false);
        assertEquals(new Transition(IDLE, THINKING, List.of(), true), m.on(SUBMITTED));
        assertEquals(new Transition(THINKING, IDLE, List.of(), true), m.on(ANSWER_ENDED));
    }

    @Test
    void handsFreeVoiceStartsAndEndsTheRecording() {
        TurnStateMachine m = new TurnStateMachine(false);
        assertEquals(new Transition(IDLE, LISTENING, List.of(START_RECORDING), true), m.on(VOICE_STARTED));
        assertEquals(new Transition(LISTENING, THINKING, List.of(COMMIT_RECORDING), true), m.on(VOICE_ENDED));
    }

    @Test
    void voiceBargesInOnlyWithBargeInOn() {
        TurnStateMachine on = run(true, SUBMITTED, AUDIO_QUEUED);
        assertEquals(new Transition(SPEAKING, LISTENING, List.of(CANCEL_ANSWER, STOP_PLAYBACK, START_RECORDING), true),
                on.on(VOICE_STARTED));

        TurnStateMachine off = run(false, SUBMITTED, AUDIO_QUEUED);
        Transition ignored = off.on(VOICE_STARTED);
        assertFalse(ignored.accepted());
        assertEquals(SPEAKING, off.state(), "its own voice from the speakers must not cut the answer off");
    }

    @Test
    void pressingTalkAlwaysInterruptsTheAnswer() {
        for (boolean bargeIn : new boolean[] {false, true}) {
            TurnStateMachine thinking = run(bargeIn, SUBMITTED);
            assertEquals(new Transition(THINKING, LISTENING, List.of(CANCEL_ANSWER, STOP_PLAYBACK, START_RECORDING), true),
                    thinking.on(TALK_PRESSED));
            TurnStateMachine speaking = run(bargeIn, SUBMITTED, AUDIO_QUEUED);
            assertEquals(LISTENING, speaking.on(TALK_PRESSED).to());
        }
    }

    @Test
    void stopEndsWhateverIsGoingOn() {
        assertEquals(new Transition(LISTENING, IDLE, List.of(ABORT_RECORDING), true), run(true, TALK_PRESSED).on(STOP));
        assertEquals(new Transition(THINKING, IDLE, List.of(CANCEL_ANSWER, STOP_PLAYBACK), true), run(true, SUBMITTED).on(STOP));
        assertEquals(new Transition(SPEAKING, IDLE, List.of(CANCEL_ANSWER, STOP_PLAYBACK), true),
                run(true, SUBMITTED, AUDIO_QUEUED).on(STOP));
        assertFalse(new TurnStateMachine(true).on(STOP).accepted());
    }

    @Test
    void aNewTypedTurnReplacesTheAnswerInFlight() {
        TurnStateMachine m = run(true, SUBMITTED, AUDIO_QUEUED, ANSWER_ENDED);
        assertEquals(new Transition(SPEAKING, THINKING, List.of(CANCEL_ANSWER, STOP_PLAYBACK), true), m.on(SUBMITTED));
        m.on(PLAYBACK_DRAINED);
        assertEquals(THINKING, m.state(), "the flags of the replaced answer must not end the new one");
        m.on(ANSWER_ENDED);
        assertEquals(IDLE, m.state());
    }

    @Test
    void signalsThatMeanNothingInAStateChangeNothing() {
        List<TurnSignal> idleNoise = List.of(TALK_RELEASED, VOICE_ENDED, AUDIO_QUEUED, PLAYBACK_DRAINED, ANSWER_ENDED, STOP);
        for (TurnSignal s : idleNoise) {
            TurnStateMachine m = new TurnStateMachine(true);
            Transition t = m.on(s);
            assertFalse(t.accepted(), s.name());
            assertEquals(IDLE, m.state(), s.name());
            assertTrue(t.actions().isEmpty());
        }
        for (TurnSignal s : EnumSet.of(TALK_PRESSED, VOICE_STARTED, SUBMITTED, AUDIO_QUEUED, PLAYBACK_DRAINED, ANSWER_ENDED)) {
            TurnStateMachine m = run(true, TALK_PRESSED);
            assertFalse(m.on(s).accepted(), s.name());
            assertEquals(LISTENING, m.state(), s.name() + ": a late event of an interrupted answer must not end the recording");
        }
    }

    @Test
    void everyStateIsReachableAndReturnsToIdle() {
        EnumSet<TurnState> seen = EnumSet.noneOf(TurnState.class);
        TurnStateMachine m = new TurnStateMachine(true);
        for (TurnSignal s : List.of(TALK_PRESSED, TALK_RELEASED, AUDIO_QUEUED, VOICE_STARTED, VOICE_ENDED, AUDIO_QUEUED,
                ANSWER_ENDED, PLAYBACK_DRAINED)) {
            seen.add(m.on(s).to());
        }
        assertEquals(EnumSet.allOf(TurnState.class), seen);
        assertEquals(IDLE, m.state());
    }
}
