// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.omnidesk.runtime.speech.StreamingPlan.DitScheduler;
import org.omnidesk.runtime.speech.StreamingPlan.VocoderCall;
import org.omnidesk.runtime.speech.StreamingPlan.VocoderScheduler;
import org.omnidesk.runtime.speech.StreamingPlan.Window;

class StreamingPlanTest {

    private static List<Window> schedule(int codes, List<Integer> readyAt) {
        DitScheduler s = new DitScheduler(StreamingPlan.OFFICIAL);
        List<Window> windows = new ArrayList<>();
        for (int i = 1; i <= codes; i++) {
            List<Window> w = s.add(1);
            if (!w.isEmpty()) {
                readyAt.add(i);
            }
            windows.addAll(w);
        }
        windows.addAll(s.finish());
        return windows;
    }

    @Test
    void officialWindowsMatchTheReferenceBookkeeping() {
        List<Integer> readyAt = new ArrayList<>();
        List<Window> w = schedule(200, readyAt);
        // First window when 0 + 48 + 12 codes exist, then every 48 codes (24 + 48 + 12 buffered).
        assertEquals(List.of(60, 108, 156), readyAt);
        assertEquals(new Window(0, 60, 0, 0, 96), w.get(0));
        // Reference: noise starts at emitted mel − 2·24 = 48; codes are the buffer's last 36 + 48 new.
        assertEquals(new Window(24, 84, 48, 48, 144), w.get(1));
        assertEquals(new Window(72, 84, 144, 48, 144), w.get(2));
        // End: the remaining 36 + 44 codes, only the left context dropped.
        assertEquals(new Window(120, 80, 240, 48, 160), w.get(3));
    }

    @Test
    void keptFramesTileTheUtteranceExactlyOnceAndNoiseRowsAreAbsolute() {
        for (int codes : new int[] {1, 30, 59, 60, 61, 107, 108, 500, 1001}) {
            int next = 0;
            for (Window w : schedule(codes, new ArrayList<>())) {
                assertEquals(2 * w.firstCode(), w.melStart(), "noise row = absolute mel frame");
                assertEquals(next, w.melStart() + w.keepFrom(), codes + " codes: gap or overlap");
                next = w.melStart() + w.keepTo();
            }
            assertEquals(2 * codes, next, codes + " codes: every mel frame emitted");
        }
    }

    @Test
    void vocoderCallsTileTheMelExactlyOnce() {
        for (int codes : new int[] {10, 60, 61, 200, 777}) {
            VocoderScheduler v = new VocoderScheduler(StreamingPlan.OFFICIAL);
            List<VocoderCall> calls = new ArrayList<>();
            for (Window w : schedule(codes, new ArrayList<>())) {
                calls.addAll(v.add(w.keptFrames()));
            }
            calls.addAll(v.finish());
            int next = 0;
            for (VocoderCall c : calls) {
                assertEquals(next, c.firstFrame() + c.dropLeftFrames(), codes + " codes: gap or overlap");
                assertTrue(c.keptFrames() >= 0);
                next = c.firstFrame() + c.frames() - c.dropRightFrames();
            }
            assertEquals(2 * codes, next);
        }
    }

    @Test
    void firstAudioNeedsSixtyCodesAndGivesSeventySixFrames() {
        VocoderScheduler v = new VocoderScheduler(StreamingPlan.OFFICIAL);
        List<VocoderCall> first = v.add(96);
        assertEquals(List.of(new VocoderCall(0, 96, 0, 20)), first);
        assertEquals(76, first.get(0).keptFrames()); // 0.76 s of 24 kHz PCM (QWEN25_OMNI.md §8.5)
    }
}
