// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.omnidesk.runtime.api.ErrorKind;

/**
 * What the scripted engine answers to one turn: text deltas replayed one per step, optionally
 * ending in a failure after {@code deltas} were sent (as a real engine can fail mid-answer).
 */
public record ScriptedReply(List<String> deltas, Optional<Failure> failure) {

    /** A scripted failure: the turn ends with {@code TurnFailed(kind, message)}. */
    public record Failure(ErrorKind kind, String message) {}

    private static final Pattern TOKEN = Pattern.compile("\\S+\\s*|\\s+");

    public ScriptedReply {
        deltas = List.copyOf(deltas);
    }

    /** Splits {@code answer} into word-sized deltas (each word keeps its trailing whitespace). */
    public static ScriptedReply text(String answer) {
        List<String> deltas = new ArrayList<>();
        Matcher m = TOKEN.matcher(answer);
        while (m.find()) {
            deltas.add(m.group());
        }
        return new ScriptedReply(deltas, Optional.empty());
    }

    /** Streams {@code partialAnswer}, then fails. */
    public static ScriptedReply failing(String partialAnswer, ErrorKind kind, String message) {
        return new ScriptedReply(text(partialAnswer).deltas(), Optional.of(new Failure(kind, message)));
    }
}
