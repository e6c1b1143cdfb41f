// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnidesk.runtime.api.AssistantEvent;
import org.omnidesk.runtime.api.EngineProvider;
import org.omnidesk.runtime.api.GenerationSettings;
import org.omnidesk.runtime.api.OmniEngine;
import org.omnidesk.runtime.api.SpeechSettings;
import org.omnidesk.runtime.api.TurnRequest;
import org.omnidesk.runtime.api.UserInput;
import org.omnidesk.runtime.remote.Chunks;
import org.omnidesk.runtime.remote.FakeOmniServer;
import org.omnidesk.runtime.remote.TestMedia;

/**
 * The app's path to a server: remote settings and key saved in the config folder, the engine
 * opened from them by name, a text, an image, an audio and a video question answered with
 * streamed text and speech, a refused key reported, and every turn written to an SQLite history
 * (WAL, as the app keeps it). Afterwards the key is found in no file but its own.
 */
public class RemoteAppFlowTest {

    static final String KEY = "sk-app-flow-canary-5d8e";
    public static final float[] TONE = TestMedia.sine(4800, 24_000, 220, 0.3);
    public static final FakeOmniServer.Reply ANSWER = FakeOmniServer.stream(Chunks.role(12), Chunks.text("It is"),
            Chunks.audio(TONE, false), Chunks.text(" fine."), Chunks.finishText("stop"), Chunks.audio(TONE, true),
            Chunks.usageOnly(12, 3), Chunks.DONE);

    @TempDir
    Path home;

    public static List<UserInput[]> questions() throws Exception {
        return List.of(new UserInput[] {new UserInput.Text("How are you?")},
                new UserInput[] {TestMedia.referenceImage(), new UserInput.Text("And this picture?")},
                new UserInput[] {new UserInput.Audio(TestMedia.audio(TestMedia.sine(16_000, 16_000, 300, 0.3)), "q.wav")},
                new UserInput[] {TestMedia.video(true), new UserInput.Text("And this clip?")});
    }

    @Test
    void theAppAsksEveryKindOfQuestionOnTheConfiguredServerAndTheKeyStaysInItsFile() throws Exception {
        RemoteConfigStore store = new RemoteConfigStore(home.resolve("config"));
        Path history = Files.createDirectories(home.resolve("data")).resolve("history.db");
        try (FakeOmniServer server = new FakeOmniServer(ANSWER, ANSWER, ANSWER, ANSWER,
                FakeOmniServer.status(401, "{\"error\":\"bad key " + KEY + "\"}"));
             Connection db = DriverManager.getConnection("jdbc:sqlite:" + history)) {
            store.save(RemoteConfig.defaults().remote(server.url()));
            store.saveApiKey(KEY.toCharArray());
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("CREATE TABLE turns (id INTEGER PRIMARY KEY, question TEXT, answer TEXT, outcome TEXT, engine TEXT)");
            }

            try (OmniEngine engine = EngineProvider.open("remote", store.engineOptions().orElseThrow())) {
                assertEquals("remote: 127.0.0.1:" + server.port(), engine.info().location());
                List<UserInput[]> asked = new ArrayList<>(questions());
                asked.add(new UserInput[] {new UserInput.Text("Still there?")});
                for (int i = 0; i < asked.size(); i++) {
                    List<AssistantEvent> events = new CopyOnWriteArrayList<>();
                    TurnRequest request = new TurnRequest(List.of(asked.get(i)), Optional.empty(), SpeechSettings.on("Ethan"),
                            GenerationSettings.defaults());
                    String outcome;
                    String answer;
                    try {
                        var result = engine.submit(request, events::add).completion().orTimeout(20, TimeUnit.SECONDS).join();
                        answer = result.text();
                        outcome = result.reason().name();
                        assertEquals("TurnStarted TextDelta SpeechChunk TextDelta SpeechChunk TurnFinished",
                                events.stream().map(e -> e.getClass().getSimpleName()).collect(Collectors.joining(" ")),
                                "question " + i);
                        assertEquals("It is fine.", answer);
                    } catch (CompletionException e) {
                        answer = "";
                        outcome = e.getCause().getMessage();
                        assertTrue(outcome.contains("HTTP 401") && outcome.contains("bad key ****"), outcome);
                    }
                    try (PreparedStatement insert = db.prepareStatement(
                            "INSERT INTO turns (question, answer, outcome, engine) VALUES (?, ?, ?, ?)")) {
                        insert.setString(1, request.inputs().toString());
                        insert.setString(2, answer);
                        insert.setString(3, outcome + " " + events);
                        insert.setString(4, engine.info().toString());
                        insert.executeUpdate();
                    }
                }
            }
            assertEquals(5, server.requests().size());
            server.requests().forEach(r -> assertEquals("Bearer " + KEY, r.header("Authorization")));
            assertEquals("Ethan", server.requests().get(0).json().path("voice").asText());
        }

        byte[] needle = KEY.getBytes(StandardCharsets.UTF_8);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(home)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertTrue(files.contains(history), files.toString());
        for (Path file : files) {
            boolean found = indexOf(Files.readAllBytes(file), needle) >= 0;
            assertEquals(file.equals(store.keyFile()), found, file + (found ? " holds the key" : " lacks the key"));
        }
        assertFalse(Files.readString(store.configFile()).contains("sk-"));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
