// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.chat;

import java.util.Locale;
import org.omnidesk.runtime.api.TurnStats;

/** What a turn's answer cost: ms to the first token and to the first audio (-1 = none), decode speed. */
public record TurnTimings(double firstTokenMs, double firstAudioMs, double tokensPerSecond) {

    public static TurnTimings of(TurnStats stats) {
        return new TurnTimings(stats.firstTokenMs(), stats.firstAudioMs(), stats.tokensPerSecond());
    }

    /** e.g. "first token 120 ms · first audio 340 ms · 23.4 tokens/s"; parts that did not happen are left out. */
    public String text() {
        StringBuilder b = new StringBuilder();
        if (firstTokenMs >= 0) {
            b.append(String.format(Locale.ROOT, "first token %.0f ms", firstTokenMs));
        }
        if (firstAudioMs >= 0) {
            b.append(b.length() > 0 ? " · " : "").append(String.format(Locale.ROOT, "first audio %.0f ms", firstAudioMs));
        }
        if (tokensPerSecond > 0) {
            b.append(b.length() > 0 ? " · " : "").append(String.format(Locale.ROOT, "%.1f tokens/s", tokensPerSecond));
        }
        return b.toString();
    }
}
