// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.omnidesk.app.history.TurnOutcome;
import org.omnidesk.runtime.api.TurnHandle;
import org.omnidesk.ui.chat.AssistantEntry;

/**
 * One exchange in flight. Each field belongs to one thread: the handle is set by whoever starts
 * the engine turn and read by the session; {@code entry} lives on the FX thread; {@code historyId}
 * on the io thread; the answer text and speech counters on the engine thread. A live turn starts
 * answering when the recording is committed, possibly before its transcript entry and history
 * row exist: what arrives early waits here, on the thread that owns it.
 */
final class ActiveTurn {

    final boolean speech;
    final String voice;
    volatile TurnHandle handle;
    // FX thread
    private AssistantEntry entry;
    private final List<Consumer<AssistantEntry>> early = new ArrayList<>();
    // io thread
    long historyId = -1;
    TurnOutcome earlyOutcome;
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

    /** FX thread: the answer's transcript entry exists now; what was done to it before is applied. */
    void shown(AssistantEntry answer) {
        entry = answer;
        early.forEach(change -> change.accept(answer));
        early.clear();
    }

    /** FX thread: changes the answer's entry, or keeps the change until the entry is shown. */
    void onEntry(Consumer<AssistantEntry> change) {
        if (entry == null) {
            early.add(change);
        } else {
            change.accept(entry);
        }
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
