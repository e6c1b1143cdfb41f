// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.api;

/** Receives a turn's events in order, on the engine's thread: keep it cheap and never block. */
@FunctionalInterface
public interface AssistantEventListener {
    void onEvent(AssistantEvent event);
}
