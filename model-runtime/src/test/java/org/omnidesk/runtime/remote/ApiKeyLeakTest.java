// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;
import org.omnidesk.runtime.api.AssistantEvent;
import org.omnidesk.runtime.api.TurnRequest;

/**
 * The API key goes to the server in the Authorization header and nowhere else: not in log
 * records (all levels, the JDK HttpClient's own FINE tracing included), not on stdout/stderr, not in events, exceptions (messages and stack
 * traces) or toString()s, even when the server echoes it back in its error messages.
 */
class ApiKeyLeakTest {

    @Test
    void theKeyAppearsOnlyInTheAuthorizationHeader() throws Exception {
        String key = RemoteEngineTest.KEY;
        String echo = "invalid api key " + key;
        List<String> texts = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            private final SimpleFormatter format = new SimpleFormatter();

            @Override
            public void publish(LogRecord record) {
                texts.add(format.format(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        Level rootLevel = root.getLevel();
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        root.addHandler(capture);
        root.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
        try (FakeOmniServer server = new FakeOmniServer(RemoteEngineTest.ANSWER,
                FakeOmniServer.status(401, "{\"error\":\"" + echo + "\"}"),
                FakeOmniServer.stream(Chunks.role(3), Chunks.error(echo), Chunks.DONE),
                FakeOmniServer.streamThenDrop(Chunks.role(3), Chunks.text("x")),
                FakeOmniServer.stallBeforeHeaders());
             RemoteEngine engine = new RemoteEngine(RemoteFaultsTest.quick(server.url()))) {
            texts.add(engine.toString());
            texts.add(engine.info().toString());
            texts.add(RemoteFaultsTest.quick(server.url()).toString());
            for (int turn = 0; turn < 5; turn++) {
                EventLog log = new EventLog();
                try {
                    texts.add(RemoteEngineTest.run(engine, TurnRequest.text("question " + turn), log).toString());
                } catch (CompletionException e) {
                    StringWriter trace = new StringWriter();
                    e.printStackTrace(new PrintWriter(trace));
                    texts.add(trace.toString());
                    texts.add(e.getCause().getMessage());
                }
                log.events.forEach(event -> texts.add(event.toString()));
                if (turn == 1 || turn == 2) {
                    assertTrue(log.kinds().endsWith("TurnFailed"), log.kinds());
                    String shown = log.last(AssistantEvent.TurnFailed.class).message();
                    assertTrue(shown.contains("invalid api key ****"), "the server's words stay, redacted: " + shown);
                }
            }
            server.requests().forEach(r -> assertEquals("Bearer " + key, r.header("Authorization")));
            assertEquals(5, server.requests().size());
        } finally {
            System.setOut(out);
            System.setErr(err);
            root.removeHandler(capture);
            root.setLevel(rootLevel);
        }
        texts.add(console.toString(StandardCharsets.UTF_8));
        assertTrue(texts.stream().anyMatch(t -> t.contains("POST http://127.0.0.1")), "debug logging was captured");
        for (String text : texts) {
            assertFalse(text.contains(key), text);
        }
    }
}
