// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.omnidesk.ui.chat.Markdown.CodeBlock;
import org.omnidesk.ui.chat.Markdown.Heading;
import org.omnidesk.ui.chat.Markdown.ListBlock;
import org.omnidesk.ui.chat.Markdown.Paragraph;
import org.omnidesk.ui.chat.Markdown.Span;
import org.omnidesk.ui.chat.Markdown.Style;

class MarkdownTest {

    private static List<Span> plain(String s) {
        return List.of(new Span(s, Style.PLAIN));
    }

    @Test
    void paragraphsAreSeparatedByBlankLinesAndJoinSoftBreaks() {
        assertEquals(List.of(new Paragraph(plain("One line and its continuation")), new Paragraph(plain("Second"))),
                Markdown.parse("One line\nand its continuation\n\nSecond"));
    }

    @Test
    void bulletAndNumberedListsKeepTheirItemsAndStart() {
        assertEquals(List.of(new Paragraph(plain("Steps:")),
                        new ListBlock(true, 3, List.of(plain("open"), plain("close it"))),
                        new ListBlock(false, 0, List.of(plain("a"), plain("b")))),
                Markdown.parse("Steps:\n3. open\n4) close\n   it\n- a\n* b"));
    }

    @Test
    void fencedCodeKeepsItsLinesVerbatim() {
        assertEquals(List.of(new CodeBlock("java", "int x = 1;\n\n  *not bold*"), new Paragraph(plain("after"))),
                Markdown.parse("```java\nint x = 1;\n\n  *not bold*\n```\nafter"));
    }

    @Test
    void anUnclosedFenceWhileStreamingIsCodeSoFar() {
        assertEquals(List.of(new Paragraph(plain("Here:")), new CodeBlock("", "line 1")), Markdown.parse("Here:\n```\nline 1"));
    }

    @Test
    void inlineMarksBecomeStyledSpansAndLoneMarksStayText() {
        assertEquals(List.of(new Span("Use ", Style.PLAIN), new Span("ls -l", Style.CODE), new Span(" for ", Style.PLAIN),
                        new Span("all", Style.BOLD), new Span(" the ", Style.PLAIN), new Span("files", Style.ITALIC),
                        new Span(", 2 * 3 = 6 and **half", Style.PLAIN)),
                Markdown.inline("Use `ls -l` for **all** the *files*, 2 * 3 = 6 and **half"));
    }

    @Test
    void headings() {
        assertEquals(List.of(new Heading(2, plain("Title")), new Paragraph(plain("text"))), Markdown.parse("## Title ##\ntext"));
    }

    @Test
    void emptyTextHasNoBlocks() {
        assertEquals(List.of(), Markdown.parse(""));
        assertEquals(List.of(), Markdown.parse("\n\n"));
    }
}
