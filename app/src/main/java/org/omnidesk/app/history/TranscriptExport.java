// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.history;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.omnidesk.ui.chat.Attachment;

/**
 * A stored conversation as Markdown (everything) or SRT subtitles (the spoken answers only). The
 * SRT timeline is the spoken answers played one after another; within an answer, each sentence
 * gets a share of the answer's speech time proportional to its length (the engine does not align
 * text to audio, and speech rate is roughly constant per character).
 */
public final class TranscriptExport {

    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private TranscriptExport() {
    }

    public static String markdown(ConversationSummary conversation, List<StoredTurn> turns, ZoneId zone) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(conversation.title()).append("\n\n");
        md.append("Exported from OmniDesk · started ").append(DAY_TIME.format(Instant.ofEpochMilli(conversation.createdMs())
                .atZone(zone))).append("\n\n");
        for (StoredTurn turn : turns) {
            md.append("---\n\n**You** (").append(TIME.format(Instant.ofEpochMilli(turn.startedMs()).atZone(zone)))
                    .append(")\n\n");
            if (!turn.userText().isBlank()) {
                md.append(turn.userText().strip()).append("\n\n");
            }
            if (!turn.attachments().isEmpty()) {
                md.append("*Attached: ").append(turn.attachments().stream().map(a -> describe(a.shown()))
                        .collect(Collectors.joining(", "))).append("*\n\n");
            }
            md.append("**OmniDesk**").append(turn.spokenSeconds() > 0 ? " (spoken, voice " + turn.voice() + ")" : "")
                    .append("\n\n");
            if (!turn.answer().isBlank()) {
                md.append(turn.answer().strip()).append("\n\n");
            }
            String ending = switch (turn.status()) {
                case DONE -> "";
                case STOPPED -> "*Stopped before the end.*";
                case FAILED -> "*Failed: " + turn.error() + "*";
                case ANSWERING, INTERRUPTED -> "*Interrupted: OmniDesk closed during this answer.*";
            };
            if (!ending.isEmpty()) {
                md.append(ending).append("\n\n");
            }
        }
        return md.toString().stripTrailing() + "\n";
    }

    private static String describe(Attachment a) {
        String kind = a.kind().name().toLowerCase(Locale.ROOT);
        return kind + " `" + a.name() + "`" + (a.kind() == Attachment.Kind.IMAGE ? "" : " (" + a.durationText() + ")");
    }

    /** SRT cues of the spoken answers; empty when nothing was spoken. */
    public static String srt(List<StoredTurn> turns) {
        StringBuilder srt = new StringBuilder();
        int cue = 1;
        double offset = 0;
        for (StoredTurn turn : turns) {
            if (turn.spokenSeconds() <= 0) {
                continue;
            }
            List<String> sentences = sentences(plainText(turn.answer()));
            int chars = sentences.stream().mapToInt(String::length).sum();
            double t = offset;
            for (String s : sentences) {
                double end = t + turn.spokenSeconds() * s.length() / chars;
                srt.append(cue++).append('\n').append(timestamp(t)).append(" --> ").append(timestamp(end)).append('\n')
                        .append(s).append("\n\n");
                t = end;
            }
            offset += turn.spokenSeconds();
        }
        return srt.toString();
    }

    /** Markdown without its markup, as it would be spoken: no code fences, emphasis marks or list bullets. */
    static String plainText(String markdown) {
        return markdown.lines()
                .filter(line -> !line.strip().startsWith("```"))
                .map(line -> line.strip().replaceFirst("^(#{1,6}|[-*+]|\\d+[.)])\\s+", ""))
                .map(line -> line.replaceAll("[*_`]", ""))
                .collect(Collectors.joining("\n"));
    }

    /** Sentences (split after . ! ? or at line ends), trimmed, empty ones dropped. */
    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (String part : text.split("(?<=[.!?])\\s+|\\n+")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    /** HH:MM:SS,mmm. */
    static String timestamp(double seconds) {
        long ms = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d,%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }
}
