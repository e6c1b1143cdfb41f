// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.omnidesk.ui.chat.Attachment;

class TranscriptExportTest {

    // 2026-03-01 09:15 UTC and two minutes later.
    static final long T0 = 1_772_356_500_000L;

    static final List<StoredTurn> TURNS = List.of(
            new StoredTurn(1, T0, TurnStatus.DONE, "What is in this clip?",
                    List.of(new StoredAttachment(new Attachment(Attachment.Kind.VIDEO, "ball.mp4", 61, Optional.empty()), "", "")),
                    "A red ball. It rolls **left**.", "Ethan", 3.0, Optional.empty(), ""),
            new StoredTurn(2, T0 + 120_000, TurnStatus.STOPPED, "", List.of(
                    new StoredAttachment(new Attachment(Attachment.Kind.AUDIO, "microphone", 2.4, Optional.empty()), "", "")),
                    "- one\n- two", "Chelsie", 1.0, Optional.empty(), ""),
            new StoredTurn(3, T0 + 180_000, TurnStatus.FAILED, "and now?", List.of(), "", null, 0, Optional.empty(),
                    "the context is full; start a new chat"));

    @Test
    void markdownHoldsEveryTurnWithItsAttachmentsAndEnding() {
        String md = TranscriptExport.markdown(new ConversationSummary(7, "Ball video", T0, T0, 3), TURNS, ZoneOffset.UTC);
        assertEquals("""
                # Ball video

                Exported from OmniDesk · started 2026-03-01 09:15

                ---

                **You** (09:15)

                What is in this clip?

                *Attached: video `ball.mp4` (1:01)*

                **OmniDesk** (spoken, voice Ethan)

                A red ball. It rolls **left**.

                ---

                **You** (09:17)

                *Attached: audio `microphone` (0:02)*

                **OmniDesk** (spoken, voice Chelsie)

                - one
                - two

                *Stopped before the end.*

                ---

                **You** (09:18)

                and now?

                **OmniDesk**

                *Failed: the context is full; start a new chat*
                """, md);
    }

    @Test
    void srtSharesEachSpokenAnswersTimeBySentenceLength() {
        // Turn 1: "A red ball." (11 chars) + "It rolls left." (14) over 3 s → 1.32 s + 1.68 s.
        // Turn 2 starts at 3 s: "one" + "two" over 1 s → 0.5 s each. Turn 3 was not spoken.
        assertEquals("""
                1
                00:00:00,000 --> 00:00:01,320
                A red ball.

                2
                00:00:01,320 --> 00:00:03,000
                It rolls left.

                3
                00:00:03,000 --> 00:00:03,500
                one

                4
                00:00:03,500 --> 00:00:04,000
                two

                """, TranscriptExport.srt(TURNS));
    }

    @Test
    void timestampsRollOverHours() {
        assertEquals("01:01:01,250", TranscriptExport.timestamp(3661.25));
    }
}
