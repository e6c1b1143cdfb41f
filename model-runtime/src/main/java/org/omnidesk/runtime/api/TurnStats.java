// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.api;

/**
 * Timings of one turn, in milliseconds from submission; -1 where the event did not happen
 * (no text, speech off). {@code lastTokenMs} is when the text ended; a spoken answer's turn goes
 * on after it ({@code totalMs}) while the Talker and Token2Wav finish.
 */
public record TurnStats(int promptTokens, int generatedTokens, int speechCodes,
                        double firstTokenMs, double firstAudioMs, double totalMs, double lastTokenMs) {

    /** Timings of an engine that does not tell when the text ended (it ends with the turn). */
    public TurnStats(int promptTokens, int generatedTokens, int speechCodes, double firstTokenMs, double firstAudioMs,
                     double totalMs) {
        this(promptTokens, generatedTokens, speechCodes, firstTokenMs, firstAudioMs, totalMs, totalMs);
    }

    /** Text tokens per second between the first and the last token, or 0 when unknown. */
    public double tokensPerSecond() {
        double decodeMs = lastTokenMs - Math.max(firstTokenMs, 0);
        return generatedTokens > 1 && decodeMs > 0 ? (generatedTokens - 1) * 1000.0 / decodeMs : 0;
    }
}
