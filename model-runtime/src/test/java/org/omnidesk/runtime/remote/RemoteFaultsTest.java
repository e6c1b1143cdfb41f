// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FileInputStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.omnidesk.runtime.api.AssistantEvent;
import org.omnidesk.runtime.api.ErrorKind;
import org.omnidesk.runtime.api.InferenceException;
import org.omnidesk.runtime.api.SpeechSettings;
import org.omnidesk.runtime.api.TurnRequest;
import org.omnidesk.runtime.api.UserInput;

/**
 * Faults between OmniDesk and the server: each one becomes a one-line error in the transcript,
 * the question is never sent twice, and the conversation stays as it was before the question.
 */
class RemoteFaultsTest {

    private static final TurnRequest SPOKEN_HI = RemoteEngineTest.question(SpeechSettings.on(null), new UserInput.Text("Hi"));

    @TempDir
    Path dir;

    enum Fault {
        UNAUTHORIZED(FakeOmniServer.status(401, "{\"error\":\"Unauthorized\"}"), "TurnFailed", "HTTP 401", "API key"),
        SERVER_ERROR(FakeOmniServer.status(500, "{\"error\":{\"message\":\"EngineCore died\",\"type\":"
                + "\"InternalServerError\",\"param\":null,\"code\":500}}"), "TurnFailed", "HTTP 500", "EngineCore died"),
        ERROR_EVENT_MID_STREAM(FakeOmniServer.stream(Chunks.role(9), Chunks.text("Partial"),
                Chunks.error("CUDA error: out of memory"), Chunks.DONE), "TurnStarted TextDelta TurnFailed",
                "failed during the answer", "CUDA error: out of memory"),
        DROPPED_STREAM(FakeOmniServer.streamThenDrop(Chunks.role(9), Chunks.text("Partial")),
                "TurnStarted TextDelta TurnFailed", "dropped during the answer"),
        SLOW_FIRST_BYTE(FakeOmniServer.stallBeforeHeaders(), "TurnFailed", "sent no response within 1.5 s"),
        SILENT_STREAM(FakeOmniServer.streamThenStall(Chunks.role(9), Chunks.text("Partial")),
                "TurnStarted TextDelta TurnFailed", "sent nothing for 1.5 s"),
        NOT_AN_OMNI_SERVER(FakeOmniServer.stream("<html>It works!</html>"), "TurnFailed", "cannot read");

        final FakeOmniServer.Reply reply;
        final String kinds;
        final List<String> says;

        Fault(FakeOmniServer.Reply reply, String kinds, String... says) {
            this.reply = reply;
            this.kinds = kinds;
            this.says = List.of(says);
        }
    }

    /**
     * Timeouts short enough for a test and long enough that a loaded 2-core machine never trips
     * them by accident (the response timeout also covers connecting and sending).
     */
    static RemoteSettings quick(String url, String... more) {
        String[] all = new String[more.length + 4];
        all[0] = RemoteSettings.RESPONSE_TIMEOUT_MS;
        all[1] = "1500";
        all[2] = RemoteSettings.IDLE_TIMEOUT_MS;
        all[3] = "1500";
        System.arraycopy(more, 0, all, 4, more.length);
        return RemoteEngineTest.settings(url, all);
    }

    /** The messages of a request, as JSON. */
    private static JsonNode messages(FakeOmniServer.Request request) {
        return request.json().path("messages");
    }

    private static void assertUserMessage(String text, JsonNode message) {
        assertEquals("user", message.path("role").asText());
        assertEquals(text, message.path("content").get(0).path("text").asText());
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aFaultIsOneClearErrorSentOnceAndTheConversationIsKept(Fault fault) throws Exception {
        try (FakeOmniServer server = new FakeOmniServer(RemoteEngineTest.ANSWER, fault.reply, RemoteEngineTest.ANSWER);
             RemoteEngine engine = new RemoteEngine(quick(server.url()))) {
            RemoteEngineTest.run(engine, TurnRequest.text("First question"), new EventLog());

            EventLog log = new EventLog();
            InferenceException e = RemoteEngineTest.failure(engine, TurnRequest.text("Faulty question"), log);
            assertEquals(fault.kinds, log.kinds());
            AssistantEvent.TurnFailed failed = log.last(AssistantEvent.TurnFailed.class);
            assertEquals(ErrorKind.REMOTE, failed.kind());
            assertEquals(failed.message(), e.getMessage());
            assertEquals(1, failed.message().lines().count(), failed.message());
            assertTrue(failed.message().contains("127.0.0.1:" + server.port()), failed.message());
            for (String part : fault.says) {
                assertTrue(failed.message().contains(part), failed.message());
            }

            RemoteEngineTest.run(engine, TurnRequest.text("Next question"), new EventLog());
            List<FakeOmniServer.Request> requests = server.requests();
            assertEquals(3, requests.size(), "the faulty question was sent exactly once");
            assertUserMessage("Faulty question", messages(requests.get(1)).get(3));
            JsonNode after = messages(requests.get(2));
            assertEquals(4, after.size(), after.toString());
            assertUserMessage("First question", after.get(1));
            assertEquals("Hello, world!", after.get(2).path("content").asText());
            assertUserMessage("Next question", after.get(3));
        }
    }

    @Test
    void connectionRefusedIsRetriedThenReportedAndTheConversationSurvivesIt() throws Exception {
        FakeOmniServer first = new FakeOmniServer(RemoteEngineTest.ANSWER);
        int port = first.port();
        try (RemoteEngine engine = new RemoteEngine(quick(first.url()))) {
            try {
                RemoteEngineTest.run(engine, TurnRequest.text("First question"), new EventLog());
            } finally {
                first.close();
            }

            EventLog log = new EventLog();
            RemoteEngineTest.failure(engine, TurnRequest.text("Unreachable question"), log);
            String message = log.last(AssistantEvent.TurnFailed.class).message();
            assertEquals("TurnFailed", log.kinds());
            assertTrue(message.startsWith("Cannot connect to the server 127.0.0.1:" + port), message);
            assertTrue(message.contains("3 attempts"), message);

            try (FakeOmniServer again = FakeOmniServer.at(port, RemoteEngineTest.ANSWER)) {
                RemoteEngineTest.run(engine, TurnRequest.text("Next question"), new EventLog());
                JsonNode after = messages(again.requests().get(0));
                assertEquals(4, after.size(), after.toString());
                assertUserMessage("First question", after.get(1));
                assertUserMessage("Next question", after.get(3));
            }
        }
    }

    @Test
    void aServerThatStartsDuringTheBackoffGetsTheQuestionOnce() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        RemoteSettings settings = RemoteEngineTest.settings("http://127.0.0.1:" + port + "/v1",
                RemoteSettings.CONNECT_RETRIES, "8", RemoteSettings.RETRY_BACKOFF_MS, "50");
        CompletableFuture<FakeOmniServer> late = CompletableFuture.supplyAsync(() -> {
            try {
                Thread.sleep(300);
                return FakeOmniServer.at(port, RemoteEngineTest.ANSWER);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (RemoteEngine engine = new RemoteEngine(settings)) {
            EventLog log = new EventLog();
            RemoteEngineTest.assertStreamedAnswer(log, RemoteEngineTest.run(engine, SPOKEN_HI, log));
        } finally {
            try (FakeOmniServer server = late.get(10, TimeUnit.SECONDS)) {
                assertEquals(1, server.requests().size());
            }
        }
    }

    @Test
    void tlsIsVerifiedByDefaultAndOnlyTheExplicitSwitchTurnsItOff() throws Exception {
        Path keystore = dir.resolve("server.p12");
        FfmpegCli.run(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", "omni",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=omni-test", "-ext", "san=ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-keypass", "changeit");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore.toFile())) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);

        try (FakeOmniServer server = FakeOmniServer.tls(context, RemoteEngineTest.ANSWER)) {
            try (RemoteEngine verifying = new RemoteEngine(quick(server.url()))) {
                EventLog log = new EventLog();
                RemoteEngineTest.failure(verifying, TurnRequest.text("Hi"), log);
                String message = log.last(AssistantEvent.TurnFailed.class).message();
                assertTrue(message.contains("TLS certificate of 127.0.0.1:" + server.port() + " is not trusted"), message);
                assertEquals(0, server.requests().size(), "no request (and no key) went to an unverified server");
            }
            try (RemoteEngine insecure = new RemoteEngine(quick(server.url(), RemoteSettings.TLS_INSECURE, "true"))) {
                EventLog log = new EventLog();
                RemoteEngineTest.assertStreamedAnswer(log, RemoteEngineTest.run(insecure, SPOKEN_HI, log));
                assertFalse(server.requests().isEmpty());
            }
        }
    }
}
