// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.remote;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The remote server's settings as stored in {@code remote.json}; the settings view binds to
 * these fields. Whether the server is used is the engine choice in {@code settings.json}
 * ({@code Settings.engine() == "remote"}); the API key is not here ({@link RemoteConfigStore}
 * keeps it in its own owner-only file). {@code model} empty = the server's model. Timeouts in
 * seconds: connect, response (until the server answers), idle (the longest silence in the stream).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RemoteConfig(String url, String model, boolean verifyTls, int connectTimeoutSeconds,
                           int responseTimeoutSeconds, int idleTimeoutSeconds, int connectRetries) {

    /** The engine name (in {@code settings.json}) that answers on this server. */
    public static final String ENGINE = "remote";

    public RemoteConfig {
        url = url == null ? "" : url.strip();
        model = model == null ? "" : model.strip();
        if (!url.isEmpty()) {
            requireHttpUrl(url);
        }
        require("connectTimeoutSeconds", connectTimeoutSeconds, 1, 600);
        require("responseTimeoutSeconds", responseTimeoutSeconds, 1, 3600);
        require("idleTimeoutSeconds", idleTimeoutSeconds, 1, 3600);
        require("connectRetries", connectRetries, 0, 20);
    }

    /** No server, safe timeouts. */
    public static RemoteConfig defaults() {
        return new RemoteConfig("", "", true, 10, 60, 300, 2);
    }

    /** The same settings for the server at {@code serverUrl}. */
    public RemoteConfig withUrl(String serverUrl) {
        return new RemoteConfig(serverUrl, model, verifyTls, connectTimeoutSeconds, responseTimeoutSeconds,
                idleTimeoutSeconds, connectRetries);
    }

    @JsonIgnore
    public boolean isConfigured() {
        return !url.isEmpty();
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

    private static void requireHttpUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || !"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("the server URL must start with http:// or https:// and name a host,"
                    + " e.g. http://gpu-box:8091/v1, got '" + url + "'");
        }
    }

    private static void require(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ", got " + value);
        }
    }
}
