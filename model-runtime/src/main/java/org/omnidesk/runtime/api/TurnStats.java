// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.api;

/**
 * Timings of one turn, in milliseconds from submission; -1 where the event did not happen
 * (no text, speech off).
 */
public record TurnStats(int promptTokens, int generatedTokens, int speechCodes,
                        double firstTokenMs, double firstAudioMs, double totalMs) {

    /** Generated tokens per second over the decode phase, or 0 when unknown. */
    public double tokensPerSecond() {
        double decodeMs = totalMs - Math.max(firstTokenMs, 0);
        return generatedTokens > 1 && decodeMs > 0 ? (generatedTokens - 1) * 1000.0 / decodeMs : 0;
    }
}
