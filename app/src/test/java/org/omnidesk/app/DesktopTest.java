// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.omnidesk.app.testing.TestDesktop.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnidesk.app.config.Settings;
import org.omnidesk.app.config.SettingsStore;
import org.omnidesk.app.remote.RemoteConfig;
import org.omnidesk.app.remote.RemoteConfigStore;
import org.omnidesk.app.testing.ServerReplies;
import org.omnidesk.app.testing.DesktopFxTest;
import org.omnidesk.app.testing.TestDesktop;
import org.omnidesk.app.testing.TestMedia;
import org.omnidesk.runtime.api.UserInput;
import org.omnidesk.runtime.fake.Pacing;
import org.omnidesk.runtime.remote.FakeOmniServer;
import org.omnidesk.ui.chat.AssistantEntry;
import org.omnidesk.ui.chat.Attachment;
import org.omnidesk.ui.chat.ErrorEntry;
import org.omnidesk.ui.chat.UserEntry;
import org.omnidesk.ui.fx.ArgbImage;
import org.omnidesk.ui.history.HistoryActions;
import org.omnidesk.ui.testing.FileDrop;
import org.omnidesk.ui.testing.Screenshots;
import org.omnidesk.ui.voice.AssistantState;
import org.testfx.api.FxRobot;

/**
 * The whole desktop app on the scripted engine (and once on the remote engine against a loopback
 * vLLM-Omni server): real JavaFX scene, real FFmpeg decoding and
 * log-mel of files the test makes, real SQLite history, a file-backed microphone and a speaker
 * that plays in real time and records what it was given.
 */
class DesktopTest extends DesktopFxTest {

    @TempDir
    Path dir;

    private TestDesktop rig;
    private final List<AssistantState> states = new CopyOnWriteArrayList<>();

    private void launch(FxRobot robot, TestDesktop testRig) {
        rig = testRig;
        robot.interact(() -> {
            desktop = Desktop.start(stage, rig.config(Optional.empty()));
            desktop.model().voice().stateProperty().addListener((o, was, now) -> states.add(now));
        });
        await("the engine", 10, () -> desktop.model().settings().engineInfoProperty().get().isPresent());
    }

    private AssistantEntry lastAnswer() {
        return newestAnswer().orElseThrow(() -> new AssertionError("no answer in " + entries()));
    }

    private void awaitAnswered(int answers) {
        await(answers + " finished answer(s)", 20, () -> entries().stream().filter(AssistantEntry.class::isInstance)
                .map(AssistantEntry.class::cast).filter(a -> a.status() != AssistantEntry.Status.STREAMING).count() >= answers);
    }

    private void ask(FxRobot robot, String question) {
        robot.interact(() -> desktop.model().chat().draftProperty().set(question));
        robot.clickOn("#send");
    }

    @Test
    void aDroppedVideoAndATypedQuestionGetAStreamedSpokenAnswer(FxRobot robot) throws Exception {
        launch(robot, new TestDesktop(dir).notFirstStart());
        Path clip = TestMedia.video(dir, "clip.mp4", 2.0, 160, 120);
        Screenshots.save(stage.getScene(), "main-empty");
        List<Double> progress = new CopyOnWriteArrayList<>();
        robot.interact(() -> desktop.model().chat().progressProperty().addListener((o, was, now) -> progress.add(now.doubleValue())));

        assertTrue(FileDrop.drop(robot.lookup("#transcript").query(), List.of(clip)));
        await("the dropped video to be prepared", 30, () -> desktop.model().chat().pending().size() == 1);
        assertTrue(progress.stream().anyMatch(p -> p > 0 && p < 1), "the progress bar moved: " + progress);
        await("the progress bar to hide", 5, () -> desktop.model().chat().progressProperty().get() < 0);
        Attachment pending = desktop.model().chat().pending().get(0);
        assertEquals("clip.mp4", pending.name());
        assertEquals(2.0, pending.seconds(), 0.05, "duration of the sampled span");

        robot.clickOn("#composer").write("What happens?").type(KeyCode.ENTER);
        awaitAnswered(1);
        await("the answer to be heard", 20, () -> desktop.model().voice().stateProperty().get() == AssistantState.IDLE);

        UserEntry user = assertInstanceOf(UserEntry.class, entries().get(0));
        assertEquals("What happens?", user.text());
        Attachment shown = user.attachments().get(0);
        assertEquals("clip.mp4 · 0:02", shown.name() + " · " + shown.durationText());
        assertFirstFrameLooksLikeTheThumbnail(clip, shown.thumbnail().orElseThrow());
        assertEquals(1, robot.lookup(".attachment-thumbnail").queryAll().size(), "the thumbnail is on screen");

        // The engine got 2 fps frames (4 frames = 2 grids) and the video's own sound (audio-in-video).
        UserInput.Video video = assertInstanceOf(UserInput.Video.class, rig.engine().requests().get(0).inputs().get(0));
        assertEquals(2, video.features().gridT());
        assertEquals(2.0, video.audio().orElseThrow().seconds(), 0.05);
        AssistantEntry answer = lastAnswer();
        assertEquals(AssistantEntry.Status.DONE, answer.status());
        assertTrue(answer.text().contains("video `clip.mp4`: 4 frames"), answer.text());
        assertTrue(answer.text().contains("of its sound"), answer.text());
        assertTrue(answer.text().contains("your words: “What happens?”"), answer.text());
        assertTrue(answer.timingsProperty().get().orElseThrow().firstTokenMs() >= 0);

        // Speech reached the speaker: the scripted 220 Hz tone, ~440 sign changes per second.
        float[] pcm = rig.speaker.samples();
        assertTrue(pcm.length >= 24_000 / 10, "only " + pcm.length + " samples arrived");
        assertEquals(rig.speaker.offered(), rig.speaker.played(), "everything was played before IDLE");
        int crossings = 0;
        for (int i = 1; i < pcm.length; i++) {
            crossings += (pcm[i - 1] < 0) != (pcm[i] < 0) ? 1 : 0;
        }
        assertEquals(440.0, crossings * 24_000.0 / pcm.length, 5.0, "sign changes per second");
        assertEquals(List.of(AssistantState.THINKING, AssistantState.SPEAKING, AssistantState.IDLE),
                states.stream().distinct().toList());

        await("the history list", 5, () -> desktop.model().history().conversations().size() == 1);
        assertEquals("What happens?", desktop.model().history().conversations().get(0).title());
        Screenshots.save(stage.getScene(), "main-answer");
    }

    /** The thumbnail (read back from the patches) against ffmpeg's own first frame: same mean colour. */
    private static void assertFirstFrameLooksLikeTheThumbnail(Path clip, ArgbImage thumb) throws Exception {
        assertTrue(thumb.width() <= 160 && thumb.height() <= 96, thumb.width() + "x" + thumb.height());
        assertEquals(4.0 / 3, thumb.width() / (double) thumb.height(), 0.1, "aspect ratio kept");
        BufferedImage first = ImageIO.read(TestMedia.firstFrame(clip).toFile());
        double[] expected = new double[3];
        for (int y = 0; y < first.getHeight(); y++) {
            for (int x = 0; x < first.getWidth(); x++) {
                add(expected, first.getRGB(x, y), first.getWidth() * first.getHeight());
            }
        }
        double[] actual = new double[3];
        for (int argb : thumb.argb()) {
            add(actual, argb, thumb.argb().length);
        }
        for (int c = 0; c < 3; c++) {
            assertEquals(expected[c], actual[c], 12, "mean of channel " + c);
        }
    }

    private static void add(double[] mean, int argb, int count) {
        mean[0] += (argb >> 16 & 0xFF) / (double) count;
        mean[1] += (argb >> 8 & 0xFF) / (double) count;
        mean[2] += (argb & 0xFF) / (double) count;
    }

    @Test
    void aCorruptFileBecomesAnErrorEntryAndTheAppKeepsWorking(FxRobot robot) {
        launch(robot, new TestDesktop(dir).notFirstStart());
        Path broken = TestMedia.corrupt(dir, "broken.wav");
        assertTrue(FileDrop.drop(robot.lookup("#transcript").query(), List.of(broken)));
        await("an error entry", 20, () -> entries().stream().anyMatch(ErrorEntry.class::isInstance));
        ErrorEntry error = (ErrorEntry) entries().stream().filter(ErrorEntry.class::isInstance).findFirst().orElseThrow();
        assertTrue(error.message().contains("broken.wav"), error.message());
        assertFalse(error.message().contains("\n"), "one line");
        assertTrue(desktop.model().chat().pending().isEmpty());
        Screenshots.save(stage.getScene(), "main-error");
        robot.interact(() -> desktop.model().settings().themeProperty().set("dark"));
        Screenshots.save(stage.getScene(), "main-dark");

        ask(robot, "Are you still there?");
        awaitAnswered(1);
        assertEquals(AssistantEntry.Status.DONE, lastAnswer().status());
        assertTrue(lastAnswer().text().contains("“Are you still there?”"));
    }

    @Test
    void pushToTalkRecordsALiveTurnAndBargeInAndStopCutTheSpeech(FxRobot robot) {
        // 60 ms and 0.1 s of speech per delta: answers stream for ~2 s and speak for ~4 s, long enough to interrupt.
        Path voice = TestMedia.tone(dir, "question.wav", 3.0, 2.0);
        launch(robot, new TestDesktop(dir).notFirstStart().microphone(voice)
                .pacing(new Pacing(Duration.ofMillis(60), 24_000, 2_400, 2)));
        await("the microphone list", 10, () -> desktop.model().voice().microphoneProperty().get() != null);

        robot.moveTo("#talk");
        long down = System.nanoTime();
        robot.press(MouseButton.PRIMARY);
        await("LISTENING", 5, () -> desktop.model().voice().stateProperty().get() == AssistantState.LISTENING);
        robot.sleep(1200);
        await("the level meter", 2, () -> desktop.model().voice().levelProperty().get() > 0.5);
        Screenshots.save(stage.getScene(), "main-listening");
        robot.release(MouseButton.PRIMARY);
        double heldSeconds = (System.nanoTime() - down) / 1e9;

        await("SPEAKING", 20, () -> desktop.model().voice().stateProperty().get() == AssistantState.SPEAKING);
        UserEntry user = assertInstanceOf(UserEntry.class, entries().get(0));
        Attachment mic = user.attachments().get(0);
        assertEquals("microphone", mic.name());
        // The recording is what the microphone delivered between press and release: the hold minus the device's start.
        assertTrue(mic.seconds() > 0.5 && mic.seconds() <= heldSeconds + 0.05, mic.seconds() + " s recorded, held " + heldSeconds);
        System.out.printf("push-to-talk: held %.2f s, recorded %.2f s%n", heldSeconds, mic.seconds());
        UserInput.Audio heard = assertInstanceOf(UserInput.Audio.class, rig.engine().requests().get(0).inputs().get(0));
        assertEquals(mic.seconds(), heard.features().seconds(), 0.02, "every 2 s block plus the last reached the live turn");
        Screenshots.save(stage.getScene(), "main-speaking");

        // Barge-in: pressing talk while the answer plays silences it at once.
        long stopsBefore = rig.speaker.stops();
        long pressed = System.nanoTime();
        robot.press(MouseButton.PRIMARY);
        await("the speaker to stop", 2, () -> rig.speaker.stops() > stopsBefore);
        double bargeInMs = (rig.speaker.lastStopNanos() - pressed) / 1e6;
        assertTrue(bargeInMs < 200, "playback stopped " + bargeInMs + " ms after the press");
        long played = rig.speaker.played();
        robot.sleep(150);
        assertEquals(played, rig.speaker.played(), "nothing more was played after the stop");
        await("LISTENING again", 2, () -> desktop.model().voice().stateProperty().get() == AssistantState.LISTENING);
        assertTrue(rig.speaker.played() < rig.speaker.offered(), "the first answer was cut short");
        robot.sleep(600);
        robot.release(MouseButton.PRIMARY);
        System.out.println("barge-in: playback stopped " + bargeInMs + " ms after the talk press");

        // Stop (Esc) ends the second answer while it is still being generated and spoken.
        await("SPEAKING again", 20, () -> desktop.model().voice().stateProperty().get() == AssistantState.SPEAKING
                && entries().size() == 4);
        long stopsBeforeEsc = rig.speaker.stops();
        robot.type(KeyCode.ESCAPE);
        await("IDLE after Esc", 2, () -> desktop.model().voice().stateProperty().get() == AssistantState.IDLE);
        assertTrue(rig.speaker.stops() > stopsBeforeEsc);
        await("the second answer to end as stopped", 5, () -> lastAnswer().status() == AssistantEntry.Status.STOPPED);
        assertEquals(2, rig.engine().requests().size());
    }

    @Test
    void theCameraPreviewsIntoOneImageAndItsPicturesGoWithASpokenTurn(FxRobot robot) {
        Path camera = TestMedia.video(dir, "camera.mp4", 3.0, 320, 240);
        Path voice = TestMedia.tone(dir, "question.wav", 3.0, 1.0);
        launch(robot, new TestDesktop(dir).notFirstStart().microphone(voice).camera(camera));
        await("the device lists", 10, () -> desktop.model().camera().cameraProperty().get() != null
                && desktop.model().voice().microphoneProperty().get() != null);
        List<ArgbImage> frames = new CopyOnWriteArrayList<>();
        robot.interact(() -> desktop.model().camera().frameProperty().addListener((o, was, now) -> frames.add(now)));

        robot.clickOn("#camera-toggle");
        await("ten preview frames", 10, () -> frames.size() >= 10);
        WritableImage image = desktop.view().cameraPanel().preview().image();
        await("ten more", 10, () -> frames.size() >= 20);
        assertSame(image, desktop.view().cameraPanel().preview().image(), "one WritableImage for every frame");
        assertTrue(frames.stream().allMatch(f -> f.width() == 320 && f.height() == 240), "shrunk to the preview box");

        robot.moveTo("#talk").press(MouseButton.PRIMARY);
        await("LISTENING", 5, () -> desktop.model().voice().stateProperty().get() == AssistantState.LISTENING);
        robot.sleep(1600);
        robot.release(MouseButton.PRIMARY);
        awaitAnswered(1);
        Screenshots.save(stage.getScene(), "main-camera");

        UserInput.Video seen = assertInstanceOf(UserInput.Video.class, rig.engine().requests().get(0).inputs().get(0));
        assertEquals("camera", seen.label());
        assertTrue(seen.features().gridT() >= 1, "2 fps pictures in pairs");
        assertEquals(1.0, seen.features().secondPerGrid(), 1e-9, "a pair spans 1 s on the TMRoPE clock");
        UserEntry user = assertInstanceOf(UserEntry.class, entries().get(0));
        assertEquals(List.of("camera", "microphone"), user.attachments().stream().map(Attachment::name).toList());
        assertTrue(user.attachments().get(0).thumbnail().isPresent());
        assertEquals(seen.audio().orElseThrow().seconds(), user.attachments().get(1).seconds(), 0.02);

        robot.clickOn("#camera-toggle");
        await("the preview to clear", 5, () -> desktop.model().camera().frameProperty().get() == null);
    }

    @Test
    void handsFreeTheVoiceDetectorStartsAndEndsTheTurn(FxRobot robot) {
        Path voice = TestMedia.speechInNoise(dir, "hands-free.wav", 1.0, 1.5, 4.0);
        launch(robot, new TestDesktop(dir).notFirstStart().microphone(voice));
        await("the microphone list", 10, () -> desktop.model().voice().microphoneProperty().get() != null);
        robot.clickOn("#hands-free");
        await("the detector to hear speech", 10, () -> desktop.model().voice().stateProperty().get() == AssistantState.LISTENING);
        await("the end of speech to send the turn", 10, () -> entries().size() >= 2);
        awaitAnswered(1);
        Attachment mic = ((UserEntry) entries().get(0)).attachments().get(0);
        // 1.5 s of speech, from its true start (kept audio) to the detector's end (after its 250 ms hangover).
        assertEquals(1.75, mic.seconds(), 0.35, "recorded " + mic.seconds() + " s");
        assertTrue(lastAnswer().text().contains("audio `microphone`"), lastAnswer().text());
    }

    @Test
    void historySurvivesARestartAndExportsMarkdown(FxRobot robot) throws Exception {
        long t0 = 1_772_356_500_000L;   // 2026-03-01 09:15 UTC
        launch(robot, new TestDesktop(dir).notFirstStart().clock(t0));
        rig.pickedMedia.add(TestMedia.tone(dir, "tone.wav", 2.0, 0));
        robot.clickOn("#attach");
        await("the attached file", 20, () -> desktop.model().chat().pending().size() == 1);
        ask(robot, "What is in this sound?");
        awaitAnswered(1);
        String answer = lastAnswer().text();
        await("the turn to be saved", 5, () -> desktop.model().history().conversations().stream()
                .anyMatch(c -> c.subtitle().startsWith("1 turn")));

        // Settings the user changed: the provider (the engine is opened again) and the window.
        robot.interact(() -> desktop.model().settings().providerProperty().set("cpu"));
        await("the engine to be reopened for the CPU", 10, () -> rig.engines.size() == 2);
        robot.interact(() -> {
            stage.setX(40);
            stage.setY(30);
            stage.setWidth(1000);
            stage.setHeight(700);
        });

        // Restart on the same folders.
        robot.interact(desktop::close);
        launch(robot, new TestDesktop(dir).clock(t0));
        assertEquals(List.of(40.0, 30.0, 1000.0, 700.0), List.of(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()),
                "the window comes back where it was");
        assertEquals("cpu", desktop.model().settings().providerProperty().get());
        await("the history list", 5, () -> desktop.model().history().conversations().size() == 1);
        long id = desktop.model().history().conversations().get(0).id();
        robot.clickOn("What is in this sound?");
        await("the reopened transcript", 5, () -> entries().size() == 2);
        UserEntry user = assertInstanceOf(UserEntry.class, entries().get(0));
        assertEquals("What is in this sound?", user.text());
        assertEquals("tone.wav", user.attachments().get(0).name());
        assertEquals(answer, lastAnswer().text());
        assertEquals(AssistantEntry.Status.DONE, lastAnswer().status());

        Path md = dir.resolve("export.md");
        desktop.session().export(id, HistoryActions.ExportFormat.MARKDOWN, md);
        await("the export", 5, () -> Files.exists(md));
        assertEquals("""
                # What is in this sound?

                Exported from OmniDesk · started 2026-03-01 09:15

                ---

                **You** (09:15)

                What is in this sound?

                *Attached: audio `tone.wav` (0:02)*

                **OmniDesk** (spoken, voice Chelsie)

                I received 2 items:

                - audio `tone.wav`: 2.00 s
                - your words: “What is in this sound?”

                This is the **scripted** engine: no model runs, so it only describes your input.
                """, Files.readString(md));

        desktop.session().rename(id, "Sound check");
        await("the new title", 5, () -> "Sound check".equals(desktop.model().history().conversations().get(0).title())
                && "Sound check".equals(desktop.model().chat().titleProperty().get()));
        desktop.session().delete(id);
        await("the conversation to go", 5, () -> desktop.model().history().conversations().isEmpty() && entries().isEmpty());
    }

    @Test
    void aTurnCutOffByAKillKeepsWhatWasAlreadySaid(FxRobot robot) throws Exception {
        launch(robot, new TestDesktop(dir).notFirstStart().pacing(new Pacing(Duration.ofMillis(150), 24_000, 480, 2)));
        ask(robot, "Tell me a long story");
        // Two answer checkpoints (one per second) are on disk while the answer still streams.
        await("the answer to stream for 2.3 s", 10, () -> lastAnswer().text().split(" ").length >= 15);
        assertEquals(AssistantEntry.Status.STREAMING, lastAnswer().status());
        String partial = lastAnswer().text();

        // A kill leaves the database as it is on disk: copy it now, mid-turn, and start a new app on the copy.
        Path crashed = dir.resolve("crashed");
        Files.createDirectories(crashed.resolve("data"));
        for (String f : List.of("history.db", "history.db-wal", "history.db-shm")) {
            Path from = rig.dirs.data().resolve(f);
            if (Files.exists(from)) {
                Files.copy(from, crashed.resolve("data").resolve(f));
            }
        }
        robot.interact(desktop::close);
        launch(robot, new TestDesktop(crashed).notFirstStart());
        await("the history list", 5, () -> desktop.model().history().conversations().size() == 1);
        robot.clickOn("Tell me a long story");
        await("the reopened transcript", 5, () -> entries().size() == 2);
        AssistantEntry cut = lastAnswer();
        assertEquals(AssistantEntry.Status.INTERRUPTED, cut.status());
        assertFalse(cut.text().isBlank(), "the checkpointed answer is kept");
        assertTrue(partial.startsWith(cut.text()), "kept: '" + cut.text() + "', shown before: '" + partial + "'");
        Screenshots.save(stage.getScene(), "main-reopened");
    }

    static final String REMOTE_KEY = "sk-desktop-canary-77a1";

    private List<AssistantEntry> answers() {
        return entries().stream().filter(AssistantEntry.class::isInstance).map(AssistantEntry.class::cast).toList();
    }

    /** Waits for {@code count} answers and the speech to end; the server's answer is always "It is fine.". */
    private void awaitSpokenAnswer(int count) {
        await(count + " answers", 30, () -> answers().stream().filter(a -> a.status() != AssistantEntry.Status.STREAMING)
                .count() >= count && desktop.model().voice().stateProperty().get() == AssistantState.IDLE);
        assertEquals(AssistantEntry.Status.DONE, lastAnswer().status());
        assertEquals("It is fine.", lastAnswer().text());
    }

    private void dropAndAsk(FxRobot robot, Path file, String question) {
        int before = desktop.model().chat().pending().size();
        assertTrue(FileDrop.drop(robot.lookup("#transcript").query(), List.of(file)));
        await(file.getFileName() + " to be prepared", 30, () -> desktop.model().chat().pending().size() == before + 1);
        robot.clickOn("#composer").write(question).type(KeyCode.ENTER);
    }

    /** The content part types of a request's last (new) user message. */
    private static List<String> partTypes(FakeOmniServer.Request request) {
        JsonNode messages = request.json().path("messages");
        List<String> types = new ArrayList<>();
        messages.get(messages.size() - 1).path("content").forEach(p -> types.add(p.path("type").asText()));
        return types;
    }

    /**
     * The app with engine = remote, wired as the real app wires it (settings.json, remote.json, the
     * key file, {@link EngineHost#fromProviders}), against the loopback vLLM-Omni server: typed,
     * image, audio, video and push-to-talk questions get streamed text and speech; a refused key is
     * an error entry and the conversation goes on; the key is in no file but its own afterwards.
     */
    @Test
    void theWindowAsksTheConfiguredServerAndKeepsTheKeyInItsFile(FxRobot robot) throws Exception {
        Path voice = TestMedia.tone(dir, "voice.wav", 3.0, 2.0);
        Path image = TestMedia.image(dir, "card.png", 320, 240);
        Path sound = TestMedia.tone(dir, "sound.wav", 1.0, 0);
        Path clip = TestMedia.video(dir, "clip.mp4", 2.0, 160, 120);
        FakeOmniServer.Reply answer = ServerReplies.ANSWER;
        try (FakeOmniServer server = new FakeOmniServer(answer, answer, answer, answer, answer,
                FakeOmniServer.status(401, "{\"error\":\"key " + REMOTE_KEY + " refused\"}"), answer)) {
            TestDesktop remoteRig = new TestDesktop(dir).microphone(voice);
            Settings d = Settings.defaults();
            new SettingsStore(remoteRig.dirs.settingsFile()).save(new Settings(d.voice(), d.speech(), d.provider(), d.theme(),
                    d.useVideoSound(), d.handsFree(), d.bargeIn(), d.microphone(), d.camera(), RemoteConfig.ENGINE,
                    d.activeModel(), d.sampling(), d.window()));
            RemoteConfigStore store = RemoteConfigStore.in(remoteRig.dirs);
            store.save(RemoteConfig.defaults().withUrl(server.url()));
            store.saveApiKey(REMOTE_KEY.toCharArray());
            remoteRig.engines(EngineHost.fromProviders(store));

            launch(robot, remoteRig);
            String headline = robot.lookup("#engine-headline").queryAs(Label.class).getText();
            assertTrue(headline.endsWith("vLLM-Omni · remote: 127.0.0.1:" + server.port()), headline);
            assertEquals(0, server.requests().size(), "opening the engine sends nothing");

            robot.clickOn("#composer").write("How are you?").type(KeyCode.ENTER);
            awaitSpokenAnswer(1);
            await("the spoken answer", 10, () -> remoteRig.speaker.samples().length >= 2 * ServerReplies.TONE.length);
            dropAndAsk(robot, image, "And this picture?");
            awaitSpokenAnswer(2);
            dropAndAsk(robot, sound, "And this sound?");
            awaitSpokenAnswer(3);
            dropAndAsk(robot, clip, "And this clip?");
            awaitSpokenAnswer(4);
            Screenshots.save(stage.getScene(), "remote-answers");

            robot.moveTo("#talk");
            robot.press(MouseButton.PRIMARY);
            await("LISTENING", 5, () -> desktop.model().voice().stateProperty().get() == AssistantState.LISTENING);
            robot.sleep(1500);
            robot.release(MouseButton.PRIMARY);
            awaitSpokenAnswer(5);

            robot.clickOn("#composer").write("Can you hear me?").type(KeyCode.ENTER);
            await("an error entry", 20, () -> entries().stream().anyMatch(ErrorEntry.class::isInstance));
            ErrorEntry error = (ErrorEntry) entries().stream().filter(ErrorEntry.class::isInstance).findFirst().orElseThrow();
            assertTrue(error.message().contains("HTTP 401") && error.message().contains("key **** refused"), error.message());
            assertFalse(error.message().contains("\n"));
            Screenshots.save(stage.getScene(), "remote-error");

            robot.clickOn("#composer").write("Still there?").type(KeyCode.ENTER);
            awaitSpokenAnswer(6);

            List<FakeOmniServer.Request> sent = server.requests();
            assertEquals(7, sent.size(), "each question sent once");
            sent.forEach(r -> assertEquals("Bearer " + REMOTE_KEY, r.header("Authorization")));
            assertEquals(List.of("text"), partTypes(sent.get(0)));
            assertEquals(List.of("image_url", "text"), partTypes(sent.get(1)));
            assertEquals(List.of("audio_url", "text"), partTypes(sent.get(2)));
            assertEquals(List.of("video_url", "text"), partTypes(sent.get(3)));
            assertTrue(sent.get(3).json().path("mm_processor_kwargs").path("use_audio_in_video").asBoolean());
            assertEquals(List.of("audio_url"), partTypes(sent.get(4)), "the push-to-talk recording");
            JsonNode last = sent.get(6).json().path("messages");
            assertEquals(1 + 2 * 5 + 1, last.size(), "system, five answered turns, the new question");
            assertFalse(last.toString().contains("Can you hear me?"), "the refused turn is not in the conversation");
        }
        robot.interact(desktop::close);
        desktop = null;

        byte[] needle = REMOTE_KEY.getBytes(StandardCharsets.UTF_8);
        Path keyFile = RemoteConfigStore.in(new TestDesktop(dir).dirs).keyFile();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().startsWith("history.db")), files.toString());
        for (Path file : files) {
            boolean found = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)
                    .contains(new String(needle, StandardCharsets.ISO_8859_1));
            assertEquals(file.equals(keyFile), found, file + (found ? " holds the key" : " lacks the key"));
        }
    }
}
