// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.omnidesk.runtime.api.ErrorKind;
import org.omnidesk.runtime.api.InferenceException;

/**
 * How to reach an OpenAI-compatible vLLM-Omni server, read once from
 * {@code EngineOptions.settings()} (keys {@code remote.*} below). {@code model} empty = the
 * server's own model. Timeouts: {@code connect} per TCP/TLS connect, {@code response} until the
 * response headers, {@code idle} the longest silence inside the stream (it also covers the
 * prefill before the first token). Only connect failures are retried ({@code connectRetries}
 * times, backoff doubling from {@code retryBackoff}): once the request is sent the server may
 * have started the turn, so it is never sent again.
 */
public record RemoteSettings(URI baseUrl, Optional<String> model, ApiKey apiKey, boolean verifyTls,
                             Duration connect, Duration response, Duration idle,
                             int connectRetries, Duration retryBackoff, boolean stream) {

    public static final String URL = "remote.url";
    public static final String MODEL = "remote.model";
    public static final String API_KEY_ENV = "remote.apiKeyEnv";
    public static final String API_KEY_FILE = "remote.apiKeyFile";
    public static final String TLS_INSECURE = "remote.tlsInsecure";
    public static final String CONNECT_TIMEOUT_MS = "remote.connectTimeoutMs";
    public static final String RESPONSE_TIMEOUT_MS = "remote.responseTimeoutMs";
    public static final String IDLE_TIMEOUT_MS = "remote.idleTimeoutMs";
    public static final String CONNECT_RETRIES = "remote.connectRetries";
    public static final String RETRY_BACKOFF_MS = "remote.retryBackoffMs";
    public static final String STREAM = "remote.stream";

    static final List<String> KEYS = List.of(URL, MODEL, API_KEY_ENV, API_KEY_FILE, TLS_INSECURE,
            CONNECT_TIMEOUT_MS, RESPONSE_TIMEOUT_MS, IDLE_TIMEOUT_MS, CONNECT_RETRIES, RETRY_BACKOFF_MS, STREAM);

    public RemoteSettings {
        if (connectRetries < 0) {
            throw new IllegalArgumentException("connectRetries must be >= 0");
        }
        for (Duration d : List.of(connect, response, idle)) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive, got " + d);
            }
        }
    }

    /** Reads the {@code remote.*} settings; the API key comes from the variable or file they name. */
    public static RemoteSettings from(Map<String, String> settings, UnaryOperator<String> env) {
        settings.keySet().stream().filter(k -> k.startsWith("remote.") && !KEYS.contains(k)).findFirst()
                .ifPresent(k -> {
                    throw bad("Unknown remote setting " + k + "; known settings: " + String.join(", ", KEYS));
                });
        String url = settings.get(URL);
        if (url == null || url.isBlank()) {
            throw bad("The remote engine needs a server URL (" + URL + " or --remote URL), e.g. http://gpu-box:8091/v1");
        }
        ApiKey key = ApiKey.none();
        if (settings.containsKey(API_KEY_ENV)) {
            key = ApiKey.fromEnvironment(settings.get(API_KEY_ENV), env);
        } else if (settings.containsKey(API_KEY_FILE)) {
            key = ApiKey.fromFile(Path.of(settings.get(API_KEY_FILE)));
        }
        return new RemoteSettings(baseUrl(url.strip()),
                Optional.ofNullable(settings.get(MODEL)).map(String::strip).filter(m -> !m.isEmpty()),
                key, !bool(settings, TLS_INSECURE, false),
                millis(settings, CONNECT_TIMEOUT_MS, 10_000), millis(settings, RESPONSE_TIMEOUT_MS, 60_000),
                millis(settings, IDLE_TIMEOUT_MS, 300_000), (int) number(settings, CONNECT_RETRIES, 2, 0, 20),
                Duration.ofMillis(number(settings, RETRY_BACKOFF_MS, 500, 0, 60_000)), bool(settings, STREAM, true));
    }

    /** {@code host:port} as users name the server (the "remote: host" indicator). */
    public String host() {
        return baseUrl.getPort() < 0 ? baseUrl.getHost() : baseUrl.getHost() + ":" + baseUrl.getPort();
    }

    public URI chatCompletions() {
        return URI.create(baseUrl.toString().replaceAll("/+$", "") + "/chat/completions");
    }

    /** An http(s) URL; a bare host gets vLLM's {@code /v1} prefix. */
    static URI baseUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw bad("The server URL '" + text + "' is not a URL; write it like http://gpu-box:8091/v1");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw bad("The server URL '" + text + "' must start with http:// or https:// and name a host,"
                    + " e.g. http://gpu-box:8091/v1");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null) {
            throw bad("The server URL must not carry credentials or a query; put the API key in the key setting");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath())
                ? "/v1" : uri.getRawPath();
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path);
    }

    private static Duration millis(Map<String, String> settings, String key, long fallback) {
        return Duration.ofMillis(number(settings, key, fallback, 1, 86_400_000));
    }

    private static long number(Map<String, String> settings, String key, long fallback, long min, long max) {
        String value = settings.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw bad("The setting " + key + "=" + value + " must be a whole number from " + min + " to " + max);
    }

    private static boolean bool(Map<String, String> settings, String key, boolean fallback) {
        String value = settings.get(key);
        if (value == null) {
            return fallback;
        }
        if ("true".equalsIgnoreCase(value.strip()) || "false".equalsIgnoreCase(value.strip())) {
            return Boolean.parseBoolean(value.strip());
        }
        throw bad("The setting " + key + "=" + value + " must be true or false");
    }

    private static InferenceException bad(String message) {
        return new InferenceException(ErrorKind.REMOTE, message);
    }
}
