// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.api;

/** Everything a turn emits, in order: started, then text and speech interleaved, then one end. */
public sealed interface AssistantEvent {

    /** The prompt is prefilled; {@code promptTokens} is its length in tokens. */
    record TurnStarted(long turnId, int promptTokens, long nanoTime) implements AssistantEvent {}

    /** Decoded text that is complete UTF-8 (the detokenizer holds back partial sequences). */
    record TextDelta(long turnId, String text, int tokenIndex, long nanoTime) implements AssistantEvent {}

    /** Speech PCM, mono float in [-1, 1]; {@code firstSample} counts from the start of the answer. */
    record SpeechChunk(long turnId, float[] pcm, int sampleRate, long firstSample, long nanoTime)
            implements AssistantEvent {}

    /** The last event of a turn that ended normally or was cancelled. */
    record TurnFinished(long turnId, FinishReason reason, TurnStats stats) implements AssistantEvent {}

    /** The last event of a turn that failed; the conversation is kept as it was before the turn. */
    record TurnFailed(long turnId, String message, ErrorKind kind) implements AssistantEvent {}
}
