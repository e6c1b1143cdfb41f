// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.omnidesk.runtime.api.AssistantEvent;
import org.omnidesk.runtime.api.AssistantEventListener;

/** Records a turn's events, and the listener thread they arrived on. */
final class EventLog implements AssistantEventListener {

    final List<AssistantEvent> events = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final CountDownLatch firstText = new CountDownLatch(1);

    @Override
    public void onEvent(AssistantEvent event) {
        events.add(event);
        threads.add(Thread.currentThread().getName());
        if (event instanceof AssistantEvent.TextDelta) {
            firstText.countDown();
        }
    }

    /** The event kinds in order, e.g. "TurnStarted TextDelta SpeechChunk TurnFinished". */
    String kinds() {
        return events.stream().map(e -> e.getClass().getSimpleName()).collect(Collectors.joining(" "));
    }

    String text() {
        return events.stream().filter(AssistantEvent.TextDelta.class::isInstance)
                .map(e -> ((AssistantEvent.TextDelta) e).text()).collect(Collectors.joining());
    }

    <T extends AssistantEvent> List<T> of(Class<T> kind) {
        return events.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends AssistantEvent> T last(Class<T> kind) {
        List<T> all = of(kind);
        return all.get(all.size() - 1);
    }
}
