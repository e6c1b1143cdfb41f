// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.omnidesk.ui.Themes;
import org.omnidesk.ui.fx.ArgbImage;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ChatViewTest {

    private final ChatViewModel model = new ChatViewModel();

    @Start
    void start(Stage stage) {
        ChatView view = new ChatView(model);
        Scene scene = new Scene(new StackPane(view.node()), 600, 500);
        Themes.apply(scene.getRoot(), "light");
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void theTranscriptStillFollowsTheModelAfterAGarbageCollection(FxRobot robot) {
        // The view must hold its list listeners strongly: a weakly held wrapper once lost them here.
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        robot.interact(() -> model.addError("after gc"));
        assertEquals(1, robot.lookup(".error-entry").queryAll().size());
    }

    @Test
    void aUserTurnShowsItsThumbnailAndTheAudioDuration(FxRobot robot) {
        int[] red = new int[32 * 18];
        Arrays.fill(red, 0xFFFF0000);
        robot.interact(() -> model.addUser(new UserEntry("What is this?", List.of(
                new Attachment(Attachment.Kind.VIDEO, "clip.mp4", 2.0, Optional.of(new ArgbImage(32, 18, red))),
                new Attachment(Attachment.Kind.AUDIO, "voice.wav", 75.4, Optional.empty())))));

        ImageView thumb = robot.lookup(".attachment-thumbnail").queryAs(ImageView.class);
        assertEquals(32, thumb.getImage().getWidth());
        assertEquals(0xFFFF0000, thumb.getImage().getPixelReader().getArgb(5, 5));
        Set<Label> captions = robot.lookup(".attachment-caption").queryAllAs(Label.class);
        assertEquals(Set.of("clip.mp4 · 0:02", "voice.wav · 1:15"),
                captions.stream().map(Label::getText).collect(Collectors.toSet()));
        assertEquals("What is this?", robot.lookup(".user-text").queryAs(Label.class).getText());
    }

    @Test
    void aStreamingAnswerIsRenderedAsMarkdownAndEndsWithItsTimings(FxRobot robot) {
        AssistantEntry[] entry = new AssistantEntry[1];
        robot.interact(() -> entry[0] = model.startAnswer());
        for (String delta : List.of("Two ", "things:\n\n", "- one\n", "- **two**\n\n", "```\ncode()\n```")) {
            robot.interact(() -> entry[0].append(delta));
        }
        assertEquals(2, robot.lookup(".md-item").queryAll().size(), "two list items");
        assertEquals("two", robot.lookup(".md-bold").queryAs(Text.class).getText());
        assertEquals("code()", robot.lookup(".md-code-block").queryAs(Label.class).getText());
        assertEquals("Two things:", ((Text) robot.lookup(".md-paragraph").queryAs(TextFlow.class).getChildren().get(0)).getText());
        assertEquals("…", robot.lookup(".turn-timings").queryAs(Label.class).getText());

        robot.interact(() -> entry[0].finish(AssistantEntry.Status.STOPPED, Optional.of(new TurnTimings(120.4, 350, 21.25))));
        assertEquals("Stopped · first token 120 ms · first audio 350 ms · 21.3 tokens/s",
                robot.lookup(".turn-timings").queryAs(Label.class).getText());
    }

    @Test
    void errorsAreTranscriptEntriesAndNewChatsReplaceTheTranscript(FxRobot robot) {
        robot.interact(() -> {
            model.addUser(new UserEntry("hi", List.of()));
            model.addError("broken.mp4 is damaged or truncated; re-export or re-download it");
        });
        assertEquals("⚠ broken.mp4 is damaged or truncated; re-export or re-download it",
                robot.lookup(".error-entry").queryAs(Label.class).getText());
        robot.interact(() -> model.show("Older chat", List.of(new AssistantEntry("Hello **again**",
                AssistantEntry.Status.INTERRUPTED, Optional.empty()))));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup(".error-entry").queryAll().isEmpty());
        assertEquals(1, robot.lookup(".entry").queryAll().size());
        Node footer = robot.lookup(".turn-timings").query();
        assertEquals("Interrupted (OmniDesk closed during this answer)", ((Label) footer).getText());
        assertEquals("Older chat", model.titleProperty().get());
    }
}
