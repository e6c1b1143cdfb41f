// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.api;

/** The outcome of a turn: the full answer text, why it ended, and its timings. */
public record TurnResult(long turnId, String text, FinishReason reason, TurnStats stats) {}
