// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.api;

import java.util.concurrent.CompletableFuture;

/** A running turn. */
public interface TurnHandle {

    long turnId();

    /**
     * Stops Thinker, Talker and Token2Wav within one step; the turn then finishes with
     * {@link FinishReason#CANCELLED} and the conversation stays usable. Idempotent.
     */
    void cancel();

    /** Completes after the last event; exceptionally with {@link InferenceException} on failure. */
    CompletableFuture<TurnResult> completion();
}
