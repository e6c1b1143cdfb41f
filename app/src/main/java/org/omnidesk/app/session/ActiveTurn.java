// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.session;

import java.util.concurrent.atomic.AtomicBoolean;
import org.omnidesk.runtime.api.TurnHandle;
import org.omnidesk.ui.chat.AssistantEntry;

/**
 * One exchange in flight. Each field belongs to one thread: the handle is set by whoever starts
 * the engine turn and read by the session; {@code entry} lives on the FX thread; {@code historyId}
 * on the io thread; the answer text and speech counters on the engine thread.
 */
final class ActiveTurn {

    final boolean speech;
    final String voice;
    volatile TurnHandle handle;
    // FX thread
    AssistantEntry entry;
    // io thread
    long historyId = -1;
    // engine thread
    final StringBuilder answer = new StringBuilder();
    long speechSamples;
    int speechRate;
    long lastCheckpointNanos = System.nanoTime();
    private final AtomicBoolean audioQueued = new AtomicBoolean();

    ActiveTurn(boolean speech, String voice) {
        this.speech = speech;
        this.voice = voice;
    }

    /** True the first time only: the turn's first chunk went to the speaker. */
    boolean firstAudio() {
        return audioQueued.compareAndSet(false, true);
    }

    double spokenSeconds() {
        return speechRate > 0 ? speechSamples / (double) speechRate : 0;
    }

    void cancel() {
        TurnHandle h = handle;
        if (h != null) {
            h.cancel();
        }
    }
}
