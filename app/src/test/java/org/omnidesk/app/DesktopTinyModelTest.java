// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.omnidesk.app.testing.TestDesktop.await;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnidesk.app.testing.DesktopFxTest;
import org.omnidesk.app.testing.TestDesktop;
import org.omnidesk.app.testing.TestMedia;
import org.omnidesk.app.testing.TinyPackage;
import org.omnidesk.runtime.api.EngineInfo;
import org.omnidesk.ui.chat.AssistantEntry;
import org.omnidesk.ui.chat.TranscriptEntry;
import org.omnidesk.ui.chat.UserEntry;
import org.omnidesk.ui.testing.FileDrop;
import org.omnidesk.ui.testing.Screenshots;
import org.omnidesk.ui.voice.AssistantState;
import org.testfx.api.FxRobot;

/**
 * The real engine: first start → "Use the self-test model" → the local ONNX Runtime engine on
 * the tiny random-weights package → a dropped video and a typed question → streamed text and
 * speech PCM at the speaker. (Random weights: the words are noise; the pipeline is real.)
 */
class DesktopTinyModelTest extends DesktopFxTest {

    @TempDir
    Path dir;

    @Test
    void aDroppedVideoIsAnsweredByTheTinyModelWithTextAndSpeech(FxRobot robot) {
        TestDesktop rig = new TestDesktop(dir.resolve("home")).realEngines();
        Path bundled = TinyPackage.copy(dir.resolve("bundled"));   // never the repository's own folder
        robot.interact(() -> desktop = Desktop.start(stage, rig.config(Optional.of(bundled))));
        assertTrue(desktop.model().setup().visibleProperty().get());
        robot.clickOn("#self-test");
        // The engine's facts and its note are set together on the FX thread: wait for both, then read them there.
        await("the local engine on the tiny package", 60, () -> desktop.model().settings().engineInfoProperty().get()
                .map(EngineInfo::randomWeights).orElse(false) && desktop.model().settings().engineNoteProperty().get().isEmpty());
        EngineInfo info = desktop.model().settings().engineInfoProperty().get().orElseThrow();
        assertTrue(robot.lookup("#engine-headline").queryLabeled().getText().contains("random weights"));
        assertTrue(info.graphs().size() >= 10, "every graph placed: " + info.graphs());

        // A short answer keeps the test quick: Advanced → Max new tokens.
        ScrollPane side = robot.lookup(".side-scroll").queryAs(ScrollPane.class);
        scrollToBottom(robot, side);
        robot.clickOn("#advanced");
        robot.sleep(400);   // the section's expand animation
        scrollToBottom(robot, side);
        robot.clickOn("#max-new-tokens").write("12").type(KeyCode.TAB);
        await("the setting to apply", 5, () -> "12".equals(desktop.model().settings().maxNewTokensProperty().get()));

        Path clip = TestMedia.video(dir, "clip.mp4", 2.0, 160, 120);
        assertTrue(FileDrop.drop(robot.lookup("#transcript").query(), List.of(clip)));
        await("the video to be prepared", 30, () -> desktop.model().chat().pending().size() == 1);
        robot.clickOn("#composer").write("What happens?").type(KeyCode.ENTER);
        // Random weights talk on for many seconds: hear the start, then Stop, which ends the turn in the engine too.
        await("speech at the speaker", 120, () -> rig.speaker.played() > 0);
        robot.type(KeyCode.ESCAPE);
        await("IDLE after Stop", 10, () -> desktop.model().voice().stateProperty().get() == AssistantState.IDLE);
        await("the answer to end", 10, () -> newestAnswer().map(a -> a.status() != AssistantEntry.Status.STREAMING).orElse(false));

        List<TranscriptEntry> entries = entries();
        UserEntry user = (UserEntry) entries.get(0);
        assertTrue(user.attachments().get(0).thumbnail().isPresent());
        AssistantEntry answer = newestAnswer().orElseThrow();
        assertTrue(answer.status() == AssistantEntry.Status.STOPPED || answer.status() == AssistantEntry.Status.DONE,
                entries.toString());
        assertTrue(!answer.text().isEmpty(), "the Thinker streamed text");
        assertTrue(rig.speaker.offered() > 0, "the Talker and Token2Wav produced speech");
        float peak = 0;
        for (float v : rig.speaker.samples()) {
            peak = Math.max(peak, Math.abs(v));
        }
        assertTrue(peak > 0 && peak <= 1, "a waveform in [-1, 1], peak " + peak);
        System.out.printf("tiny model: %d chars, %d samples of speech, %s%n", answer.text().length(), rig.speaker.offered(),
                answer.timingsProperty().get().map(t -> t.text()).orElse(""));
        Screenshots.save(stage.getScene(), "main-tiny-model");
    }

    /** Scrolls after layout has caught up: the first pulse can still grow the content and move the bottom. */
    private static void scrollToBottom(FxRobot robot, ScrollPane side) {
        for (int i = 0; i < 2; i++) {
            robot.interact(() -> side.setVvalue(1.0));
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        }
    }
}
