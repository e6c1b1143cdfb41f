// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.omnidesk.runtime.api.EngineInfo;
import org.omnidesk.runtime.api.EngineInfo.GraphPlacement;

class EngineSummaryTest {

    static final EngineInfo MIXED = new EngineInfo("local", "Qwen2.5-Omni-3B", false, List.of(
            new GraphPlacement("thinker_decoder", "CUDAExecutionProvider", "CUDA 12 found"),
            new GraphPlacement("talker_decoder", "CUDAExecutionProvider", "CUDA 12 found"),
            new GraphPlacement("bigvgan", "CPUExecutionProvider", "kept on the CPU: fp32 vocoder")), "this computer");

    @Test
    void theHeadlineNamesTheModelAndWhereItRuns() {
        assertEquals("Qwen2.5-Omni-3B · CUDA+CPU", EngineSummary.headline(Optional.of(MIXED)));
        assertEquals("no engine", EngineSummary.headline(Optional.empty()));
        EngineInfo tiny = new EngineInfo("local", "tiny", true, List.of(new GraphPlacement("x", "cpu", "")), "here");
        assertEquals("tiny (random weights) · CPU", EngineSummary.headline(Optional.of(tiny)));
    }

    @Test
    void theDetailsGroupGraphsThatRunAlikeAndSayWhy() {
        assertEquals("""
                Engine: local · Qwen2.5-Omni-3B
                Where: this computer
                • thinker_decoder, talker_decoder → CUDA: CUDA 12 found
                • bigvgan → CPU: kept on the CPU: fp32 vocoder""", EngineSummary.details(Optional.of(MIXED)));
    }
}
