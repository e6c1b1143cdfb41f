// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.omnidesk.ui.chat.Attachment;
import org.omnidesk.ui.chat.ChatActions;
import org.omnidesk.ui.history.HistoryActions;
import org.omnidesk.ui.setup.SetupActions;
import org.omnidesk.ui.testing.FileDrop;
import org.omnidesk.ui.voice.AssistantState;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The window's wiring from input to actions: shortcuts, drops, send, themes. */
@ExtendWith(ApplicationExtension.class)
class MainViewTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final MainViewModel model = new MainViewModel();
    private MainView view;

    private final ChatActions chat = new ChatActions() {
        @Override
        public void send(String text) {
            calls.add("send " + text);
        }

        @Override
        public void attach(List<Path> files) {
            calls.add("attach " + files);
        }

        @Override
        public void removePending(Attachment attachment) {
            calls.add("remove " + attachment.name());
        }

        @Override
        public void talkPressed() {
            calls.add("talk");
        }

        @Override
        public void talkReleased() {
            calls.add("release");
        }

        @Override
        public void stop() {
            calls.add("stop");
        }

        @Override
        public void newChat() {
            calls.add("new");
        }
    };

    private final FilePicker picker = new FilePicker() {
        @Override
        public List<Path> openMedia(Window owner) {
            calls.add("picker");
            return List.of(Path.of("/tmp/picked.png"));
        }

        @Override
        public Optional<Path> openPackage(Window owner, boolean folder) {
            return Optional.empty();
        }

        @Override
        public Optional<Path> save(Window owner, String suggestedName) {
            return Optional.empty();
        }
    };

    @Start
    void start(Stage stage) {
        HistoryActions history = new HistoryActions() {
            @Override
            public void open(long id) {
            }

            @Override
            public void rename(long id, String title) {
            }

            @Override
            public void delete(long id) {
            }

            @Override
            public void export(long id, ExportFormat format, Path target) {
            }
        };
        SetupActions setup = new SetupActions() {
            @Override
            public void importPackage(Path folderOrZip) {
            }

            @Override
            public void download(String source, String sha256) {
            }

            @Override
            public void cancelDownload() {
            }

            @Override
            public void useSelfTest() {
            }

            @Override
            public void activate(String packageId) {
            }

            @Override
            public void close() {
            }
        };
        view = new MainView(model, chat, history, setup, picker);
        stage.setScene(new Scene(view.root(), 1000, 650));
        stage.show();
    }

    @Test
    void heldSpaceTalksOnceAndEscStops(FxRobot robot) {
        robot.clickOn("#header");
        robot.press(KeyCode.SPACE);
        robot.press(KeyCode.SPACE);   // key repeat while held
        robot.release(KeyCode.SPACE);
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        assertEquals(List.of("talk", "release", "stop"), calls);
    }

    @Test
    void spaceInTheQuestionFieldIsJustASpace(FxRobot robot) {
        robot.clickOn("#composer").write("a b");
        robot.type(KeyCode.ENTER);
        assertEquals(List.of("send a b"), calls);
        assertEquals("", model.chat().draftProperty().get(), "the field is cleared after sending");
    }

    @Test
    void ctrlOAttachesThroughThePickerAndCtrlNStartsANewChat(FxRobot robot) {
        robot.clickOn("#header");
        robot.press(KeyCode.CONTROL).type(KeyCode.O).type(KeyCode.N).release(KeyCode.CONTROL);
        assertEquals(List.of("picker", "attach [/tmp/picked.png]", "new"), calls);
    }

    @Test
    void filesDroppedAnywhereAreAttached(FxRobot robot) {
        assertTrue(FileDrop.drop(robot.lookup("#transcript").query(), List.of(Path.of("/tmp/a.mp4"), Path.of("/tmp/b.wav"))));
        assertEquals(List.of("attach [/tmp/a.mp4, /tmp/b.wav]"), calls);
    }

    @Test
    void stopIsEnabledOnlyWhileSomethingRuns(FxRobot robot) {
        assertTrue(robot.lookup("#stop").query().isDisabled());
        robot.interact(() -> model.voice().setState(AssistantState.SPEAKING));
        assertTrue(!robot.lookup("#stop").query().isDisabled());
        assertEquals("SPEAKING", robot.lookup("#state").queryLabeled().getText());
    }

    @Test
    void theDarkThemeSwapsTheColourSheet(FxRobot robot) {
        assertTrue(view.root().getStylesheets().get(1).endsWith("light.css"));
        robot.interact(() -> model.settings().themeProperty().set("dark"));
        assertTrue(view.root().getStylesheets().get(1).endsWith("dark.css"));
    }
}
