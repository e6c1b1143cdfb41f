// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The little Markdown an assistant writes: paragraphs, headings, bullet and numbered lists, fenced
 * code, and inline {@code `code`}, {@code **bold**} and {@code *italic*}. Tolerant of text that
 * is still streaming: an unclosed fence is a code block so far, an unclosed mark is plain text.
 */
public final class Markdown {

    public enum Style { PLAIN, BOLD, ITALIC, CODE }

    public record Span(String text, Style style) {}

    public sealed interface Block {}

    public record Paragraph(List<Span> spans) implements Block {}

    public record Heading(int level, List<Span> spans) implements Block {}

    /** A list; {@code start} is the first number of an ordered list (0 for bullets). */
    public record ListBlock(boolean ordered, int start, List<List<Span>> items) implements Block {}

    public record CodeBlock(String language, String code) implements Block {}

    private static final Pattern BULLET = Pattern.compile("^\\s{0,3}[-*+]\\s+(.*)$");
    private static final Pattern NUMBERED = Pattern.compile("^\\s{0,3}(\\d{1,9})[.)]\\s+(.*)$");
    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern FENCE = Pattern.compile("^\\s{0,3}```\\s*(\\S*)\\s*$");
    private static final Pattern INLINE = Pattern.compile("`([^`]+)`|\\*\\*(.+?)\\*\\*|__(.+?)__|\\*([^*\\s][^*]*?)\\*|_([^_\\s][^_]*?)_");

    private Markdown() {
    }

    public static List<Block> parse(String text) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        StringBuilder paragraph = new StringBuilder();
        List<StringBuilder> items = new ArrayList<>();
        boolean ordered = false;
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher fence = FENCE.matcher(line);
            Matcher bullet = BULLET.matcher(line);
            Matcher number = NUMBERED.matcher(line);
            Matcher heading = HEADING.matcher(line);
            if (fence.matches()) {
                flushParagraph(blocks, paragraph);
                flushList(blocks, items, ordered, start);
                StringBuilder code = new StringBuilder();
                int j = i + 1;
                while (j < lines.length && !FENCE.matcher(lines[j]).matches()) {
                    code.append(j > i + 1 ? "\n" : "").append(lines[j]);
                    j++;
                }
                blocks.add(new CodeBlock(fence.group(1), code.toString()));
                i = j;
            } else if (line.isBlank()) {
                flushParagraph(blocks, paragraph);
                flushList(blocks, items, ordered, start);
            } else if (heading.matches()) {
                flushParagraph(blocks, paragraph);
                flushList(blocks, items, ordered, start);
                blocks.add(new Heading(heading.group(1).length(), inline(heading.group(2))));
            } else if (bullet.matches() || number.matches()) {
                flushParagraph(blocks, paragraph);
                boolean isOrdered = !bullet.matches();
                if (!items.isEmpty() && isOrdered != ordered) {
                    flushList(blocks, items, ordered, start);
                }
                if (items.isEmpty()) {
                    ordered = isOrdered;
                    start = isOrdered ? Integer.parseInt(number.group(1)) : 0;
                }
                items.add(new StringBuilder(isOrdered ? number.group(2) : bullet.group(1)));
            } else if (!items.isEmpty()) {
                items.get(items.size() - 1).append(' ').append(line.strip());
            } else {
                paragraph.append(paragraph.length() > 0 ? " " : "").append(line.strip());
            }
        }
        flushParagraph(blocks, paragraph);
        flushList(blocks, items, ordered, start);
        return blocks;
    }

    private static void flushParagraph(List<Block> blocks, StringBuilder paragraph) {
        if (paragraph.length() > 0) {
            blocks.add(new Paragraph(inline(paragraph.toString())));
            paragraph.setLength(0);
        }
    }

    private static void flushList(List<Block> blocks, List<StringBuilder> items, boolean ordered, int start) {
        if (!items.isEmpty()) {
            blocks.add(new ListBlock(ordered, start, items.stream().map(b -> inline(b.toString().strip())).toList()));
            items.clear();
        }
    }

    /** Splits a line into styled spans; marks without a partner stay as text. */
    public static List<Span> inline(String text) {
        List<Span> spans = new ArrayList<>();
        Matcher m = INLINE.matcher(text);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                spans.add(new Span(text.substring(at, m.start()), Style.PLAIN));
            }
            if (m.group(1) != null) {
                spans.add(new Span(m.group(1), Style.CODE));
            } else if (m.group(2) != null || m.group(3) != null) {
                spans.add(new Span(m.group(2) != null ? m.group(2) : m.group(3), Style.BOLD));
            } else {
                spans.add(new Span(m.group(4) != null ? m.group(4) : m.group(5), Style.ITALIC));
            }
            at = m.end();
        }
        if (at < text.length()) {
            spans.add(new Span(text.substring(at), Style.PLAIN));
        }
        return spans;
    }
}
