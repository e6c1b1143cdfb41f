// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.api;

/** Why a turn ended. Cancellation (barge-in, Stop) is a normal end, not an error. */
public enum FinishReason {
    /** The model emitted a stop token. */
    STOP,
    /** The turn reached its maximum number of new tokens. */
    MAX_TOKENS,
    /** The context window is full. */
    CONTEXT_FULL,
    /** The user interrupted the turn. */
    CANCELLED
}
