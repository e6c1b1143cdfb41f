// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.remote;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.net.URI;
import java.util.List;

/**
 * The user's engine choice and remote server settings, as stored in {@code remote.json} (the API
 * key is not here: {@link RemoteConfigStore} keeps it in its own owner-only file). The settings
 * view binds to these fields; {@code engine} is {@code local} or {@code remote}. Timeouts in
 * seconds: connect, response (until the server answers), idle (longest silence in the stream).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RemoteConfig(String engine, String url, String model, boolean verifyTls, int connectTimeoutSeconds,
                           int responseTimeoutSeconds, int idleTimeoutSeconds, int connectRetries) {

    public static final String LOCAL = "local";
    public static final String REMOTE = "remote";
    public static final List<String> ENGINES = List.of(LOCAL, REMOTE);

    public RemoteConfig {
        engine = engine == null ? LOCAL : engine;
        url = url == null ? "" : url.strip();
        model = model == null ? "" : model.strip();
        if (!ENGINES.contains(engine)) {
            throw new IllegalArgumentException("engine must be one of " + ENGINES + ", got '" + engine + "'");
        }
        if (REMOTE.equals(engine) && url.isEmpty()) {
            throw new IllegalArgumentException("the remote engine needs the server's URL, e.g. http://gpu-box:8091/v1");
        }
        if (!url.isEmpty()) {
            URI uri = URI.create(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("the server URL must start with http:// or https:// and name a host,"
                        + " e.g. http://gpu-box:8091/v1, got '" + url + "'");
            }
        }
        require("connectTimeoutSeconds", connectTimeoutSeconds, 1, 600);
        require("responseTimeoutSeconds", responseTimeoutSeconds, 1, 3600);
        require("idleTimeoutSeconds", idleTimeoutSeconds, 1, 3600);
        require("connectRetries", connectRetries, 0, 20);
    }

    /** The local engine, no server, safe timeouts. */
    public static RemoteConfig defaults() {
        return new RemoteConfig(LOCAL, "", "", true, 10, 60, 300, 2);
    }

    /** The same settings answering on the server at {@code serverUrl}. */
    public RemoteConfig remote(String serverUrl) {
        return with(REMOTE, serverUrl);
    }

    /** The same server settings with {@code choice} ({@link #LOCAL} or {@link #REMOTE}) as the engine. */
    public RemoteConfig withEngine(String choice) {
        return with(choice, url);
    }

    private RemoteConfig with(String engineChoice, String serverUrl) {
        return new RemoteConfig(engineChoice, serverUrl, model, verifyTls, connectTimeoutSeconds, responseTimeoutSeconds,
                idleTimeoutSeconds, connectRetries);
    }

    @JsonIgnore
    public boolean isRemote() {
        return REMOTE.equals(engine);
    }

    /** {@code host[:port]} of the server, or empty when none is set. */
    @JsonIgnore
    public String host() {
        if (url.isEmpty()) {
            return "";
        }
        URI uri = URI.create(url);
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    private static void require(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ", got " + value);
        }
    }
}
