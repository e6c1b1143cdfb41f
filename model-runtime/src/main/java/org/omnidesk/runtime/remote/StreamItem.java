// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

import org.omnidesk.runtime.api.FinishReason;

/** What one server message means for the turn, before it becomes an {@code AssistantEvent}. */
sealed interface StreamItem {

    record Text(String text) implements StreamItem {}

    /** Base64 audio as the server sent it (a WAV file, or raw 16-bit PCM). */
    record Audio(String base64) implements StreamItem {}

    record Finish(FinishReason reason) implements StreamItem {}

    /** Token counts, from a usage object (every chunk with continuous usage stats, or the last one). */
    record Usage(int promptTokens, int completionTokens) implements StreamItem {}

    /** An error the server reported inside a 200 response (vLLM sends it as a data event). */
    record ServerError(String message) implements StreamItem {}

    /** The {@code [DONE]} sentinel: the stream is complete. */
    record Done() implements StreamItem {}
}
