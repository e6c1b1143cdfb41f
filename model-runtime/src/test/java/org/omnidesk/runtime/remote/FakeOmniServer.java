// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A loopback stand-in for vLLM-Omni's {@code POST /v1/chat/completions}: it records every request
 * exactly as received and answers the n-th request with the n-th {@link Reply} (the last repeats).
 * Replies write the documented SSE shapes in pieces, each flushed as its own write, or misbehave
 * (error status, error event, stall, dropped connection) like a real server can.
 */
public final class FakeOmniServer implements AutoCloseable {

    public record Request(String method, String path, Headers headers, byte[] body) {
        public JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    @FunctionalInterface
    public interface Reply {
        void send(HttpExchange exchange, FakeOmniServer server) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Reply> replies;
    private final CountDownLatch release = new CountDownLatch(1);

    public FakeOmniServer(Reply... replies) throws IOException {
        this(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0), replies);
    }

    private FakeOmniServer(HttpServer server, Reply... replies) {
        this.server = server;
        this.replies = List.of(replies);
        server.setExecutor(threads);
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    static FakeOmniServer at(int port, Reply... replies) throws IOException {
        return new FakeOmniServer(HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0), replies);
    }

    static FakeOmniServer tls(SSLContext context, Reply... replies) throws IOException {
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(context));
        return new FakeOmniServer(https, replies);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        int n = requests.size();
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders(), body));
        try {
            replies.get(Math.min(n, replies.size() - 1)).send(exchange, this);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        } finally {
            exchange.close();
        }
    }

    public String url() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Blocks a reply until the server closes (a server that never answers). */
    void stall() throws InterruptedException {
        release.await(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    // ---- replies -------------------------------------------------------------------------------

    /** 200 text/event-stream with one {@code data:} event per payload, each split into three flushed writes. */
    public static Reply stream(String... payloads) {
        return (exchange, server) -> {
            OutputStream out = open(exchange);
            writeEvents(out, payloads);
        };
    }

    /** Streams the payloads slowly, one every {@code millis}. */
    static Reply slowStream(long millis, String... payloads) {
        return (exchange, server) -> {
            OutputStream out = open(exchange);
            for (String p : payloads) {
                writeEvents(out, p);
                Thread.sleep(millis);
            }
        };
    }

    /** Streams the payloads and then goes silent without ending the response. */
    static Reply streamThenStall(String... payloads) {
        return (exchange, server) -> {
            writeEvents(open(exchange), payloads);
            server.stall();
        };
    }

    /** Streams the payloads and then drops the connection without ending the chunked body. */
    static Reply streamThenDrop(String... payloads) {
        return (exchange, server) -> {
            writeEvents(open(exchange), payloads);
            throw new IllegalStateException("connection dropped on purpose"); // HttpServer closes the socket
        };
    }

    /** Accepts the request and never sends the response headers. */
    static Reply stallBeforeHeaders() {
        return (exchange, server) -> server.stall();
    }

    public static Reply status(int code, String body) {
        return (exchange, server) -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(code, bytes.length);
            exchange.getResponseBody().write(bytes);
        };
    }

    static Reply json(String body) {
        return status(200, body);
    }

    private static OutputStream open(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    private static void writeEvents(OutputStream out, String... payloads) throws IOException, InterruptedException {
        for (String payload : payloads) {
            byte[] event = ("data: " + payload + "\n\n").getBytes(StandardCharsets.UTF_8);
            int third = Math.max(1, event.length / 3);
            for (int[] range : List.of(new int[] {0, third}, new int[] {third, 2 * third}, new int[] {2 * third, event.length})) {
                out.write(Arrays.copyOfRange(event, range[0], Math.max(range[0], range[1])));
                out.flush();
                Thread.sleep(1);
            }
        }
    }
}
