// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.SSLEngine;
import org.omnidesk.runtime.api.ErrorKind;
import org.omnidesk.runtime.api.InferenceException;

/**
 * Sends one chat request and hands back the open 200 response. A connect failure (refused, or
 * no TCP connection within the connect timeout) is retried with doubling backoff, because then
 * the request never reached the server; any later failure is final, so a turn the server may
 * have started is never sent twice. Errors become one-line {@link InferenceException}s that name
 * the host and the fix and never contain the API key.
 */
final class HttpTransport implements AutoCloseable {

    private static final int ERROR_BODY_LIMIT = 8 * 1024;
    private static final System.Logger LOG = System.getLogger(HttpTransport.class.getName());

    private final RemoteSettings settings;
    private final ExecutorService threads;
    private final HttpClient client;

    HttpTransport(RemoteSettings settings) {
        this.settings = settings;
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "remote-http");
            t.setDaemon(true);
            return t;
        });
        // HTTP/1.1: vLLM's server (uvicorn) speaks nothing else, and no h2c upgrade is tried on the POST.
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(threads)
                .connectTimeout(settings.connect()).followRedirects(HttpClient.Redirect.NEVER);
        if (!settings.verifyTls()) {
            builder.sslContext(trustingEveryone());
        }
        this.client = builder.build();
    }

    /** The open response of a 200 answer; the caller closes {@code body}. */
    record Response(InputStream body, String contentType) {}

    Response send(byte[] body, RemoteCall call) {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.chatCompletions())
                .timeout(settings.response())
                .header("Content-Type", "application/json")
                .header("Accept", settings.stream() ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        settings.apiKey().authorization().ifPresent(value -> request.header("Authorization", value));
        HttpRequest built = request.build();
        LOG.log(System.Logger.Level.DEBUG, "POST {0}: {1} bytes", settings.chatCompletions(), body.length);
        for (int attempt = 0; ; attempt++) {
            try {
                HttpResponse<InputStream> response = call.await(
                        client.sendAsync(built, HttpResponse.BodyHandlers.ofInputStream()));
                return accept(response, body.length);
            } catch (ExecutionException e) {
                if (call.cancelled()) {
                    throw new CancellationException("cancelled while waiting for the server");
                }
                Throwable cause = e.getCause();
                boolean connectFailed = cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException;
                if (connectFailed && attempt < settings.connectRetries() && !call.cancelled()) {
                    call.sleep(settings.retryBackoff().multipliedBy(1L << Math.min(attempt, 10)));
                    continue;
                }
                throw failure(cause, attempt + 1, connectFailed);
            }
        }
    }

    private Response accept(HttpResponse<InputStream> response, int requestBytes) {
        if (response.statusCode() == 200) {
            return new Response(response.body(), response.headers().firstValue("Content-Type").orElse(""));
        }
        String said;
        try (InputStream in = response.body()) {
            said = ChunkMapper.errorMessage(new String(in.readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8));
        } catch (IOException e) {
            said = "";
        }
        said = settings.apiKey().redact(said.lines().findFirst().orElse(""));
        throw remote(status(response.statusCode(), requestBytes) + (said.isEmpty() ? "" : " (server: " + said + ")"));
    }

    /** What an HTTP status means here and what to do about it. */
    private String status(int code, int requestBytes) {
        String server = "The server " + settings.host() + " answered HTTP " + code;
        return switch (code) {
            case 401, 403 -> server + ": it refused the API key; set the right key in the remote settings"
                    + " (command line: --api-key-env)";
            case 404 -> server + ": no such endpoint or model; check the base URL (it ends in /v1, e.g."
                    + " http://host:8091/v1) and the model name";
            case 413 -> server + ": the request of " + requestBytes / 1024 + " KiB is too large for it or its proxy;"
                    + " send shorter media or raise the proxy's body size limit";
            default -> code >= 500 ? server + ": the server failed before answering; try again or look at its log"
                    : server + ": it rejected the request";
        };
    }

    private InferenceException failure(Throwable cause, int attempts, boolean connectFailed) {
        String host = settings.host();
        if (connectFailed) {
            return remote("Cannot connect to the server " + host + " (" + describe(cause) + ", " + attempts
                    + (attempts == 1 ? " attempt" : " attempts") + "); check that vLLM-Omni runs there and the URL "
                    + settings.baseUrl() + " is right");
        }
        if (cause instanceof HttpTimeoutException) {
            return remote("The server " + host + " sent no response within " + seconds(settings.response().toMillis())
                    + "; it may be overloaded: try again, or raise " + RemoteSettings.RESPONSE_TIMEOUT_MS);
        }
        if (cause instanceof SSLHandshakeException) {
            return remote("The TLS certificate of " + host + " is not trusted (" + describe(cause) + "); add the"
                    + " server's certificate to Java's trust store, or turn TLS verification off for this server");
        }
        return remote("The connection to " + host + " failed before an answer (" + describe(cause)
                + "); the request is not sent again, since the server may have received it: try again");
    }

    static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }

    private String describe(Throwable t) {
        String message = t.getMessage() == null ? "" : ": " + settings.apiKey().redact(t.getMessage().lines()
                .findFirst().orElse(""));
        return t.getClass().getSimpleName() + message;
    }

    static InferenceException remote(String message) {
        return new InferenceException(ErrorKind.REMOTE, message);
    }

    /** Trusts any certificate and any host name: only with TLS verification explicitly off. */
    private static SSLContext trustingEveryone() {
        // An X509ExtendedTrustManager, so that JSSE does not add its own host name check around it;
        // every server certificate is accepted (the user switched verification off), client ones never arise.
        TrustManager trustAll = new X509ExtendedTrustManager() {
            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("OmniDesk is not a TLS server");
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                    throws CertificateException {
                checkClientTrusted(chain, authType);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                    throws CertificateException {
                checkClientTrusted(chain, authType);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this Java runtime", e);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
