// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnidesk.runtime.api.EngineOptions;
import org.omnidesk.runtime.api.InferenceException;

class RemoteSettingsTest {

    private static final String KEY = "sk-test-7f3a9c-not-for-eyes";

    @TempDir
    Path dir;

    private static RemoteSettings read(Map<String, String> settings) {
        return RemoteSettings.from(settings, name -> "OMNI_KEY".equals(name) ? KEY : null);
    }

    private static String message(Map<String, String> settings) {
        return assertThrows(InferenceException.class, () -> read(settings)).getMessage();
    }

    @Test
    void defaultsAreSafe() {
        RemoteSettings s = read(Map.of(RemoteSettings.URL, "http://gpu-box:8091/v1"));
        assertEquals("http://gpu-box:8091/v1/chat/completions", s.chatCompletions().toString());
        assertEquals("gpu-box:8091", s.host());
        assertEquals(Optional.empty(), s.model());
        assertFalse(s.apiKey().isPresent());
        assertTrue(s.verifyTls(), "TLS verification is on unless switched off");
        assertEquals(Duration.ofSeconds(10), s.connect());
        assertEquals(Duration.ofSeconds(60), s.response());
        assertEquals(Duration.ofMinutes(5), s.idle());
        assertEquals(2, s.connectRetries());
        assertTrue(s.stream());
    }

    @Test
    void readsEverySetting() {
        RemoteSettings s = read(Map.ofEntries(Map.entry(RemoteSettings.URL, "https://omni.example.org/"),
                Map.entry(RemoteSettings.MODEL, " Qwen/Qwen2.5-Omni-7B "), Map.entry(RemoteSettings.API_KEY_ENV, "OMNI_KEY"),
                Map.entry(RemoteSettings.TLS_INSECURE, "true"), Map.entry(RemoteSettings.CONNECT_TIMEOUT_MS, "1500"),
                Map.entry(RemoteSettings.RESPONSE_TIMEOUT_MS, "2000"), Map.entry(RemoteSettings.IDLE_TIMEOUT_MS, "3000"),
                Map.entry(RemoteSettings.CONNECT_RETRIES, "0"), Map.entry(RemoteSettings.RETRY_BACKOFF_MS, "10"),
                Map.entry(RemoteSettings.STREAM, "false")));
        assertEquals("https://omni.example.org/v1", s.baseUrl().toString(), "a bare host gets /v1");
        assertEquals("omni.example.org", s.host());
        assertEquals(Optional.of("Qwen/Qwen2.5-Omni-7B"), s.model());
        assertTrue(s.apiKey().isPresent());
        assertFalse(s.verifyTls());
        assertEquals(Duration.ofMillis(1500), s.connect());
        assertEquals(Duration.ofMillis(2000), s.response());
        assertEquals(Duration.ofMillis(3000), s.idle());
        assertEquals(0, s.connectRetries());
        assertEquals(Duration.ofMillis(10), s.retryBackoff());
        assertFalse(s.stream());
    }

    @Test
    void badSettingsGiveOneLineMessagesThatNameTheSetting() {
        assertTrue(message(Map.of()).contains(RemoteSettings.URL));
        assertTrue(message(Map.of(RemoteSettings.URL, "gpu-box:8091")).contains("http://"));
        assertTrue(message(Map.of(RemoteSettings.URL, "ftp://gpu-box")).contains("http://"));
        assertTrue(message(Map.of(RemoteSettings.URL, "http://user:pw@gpu-box/v1")).contains("credentials"));
        assertTrue(message(Map.of(RemoteSettings.URL, "http://h", RemoteSettings.CONNECT_RETRIES, "many"))
                .contains(RemoteSettings.CONNECT_RETRIES));
        assertTrue(message(Map.of(RemoteSettings.URL, "http://h", RemoteSettings.TLS_INSECURE, "yes"))
                .contains("true or false"));
        assertTrue(message(Map.of(RemoteSettings.URL, "http://h", "remote.timeout", "5")).contains("remote.timeout"));
        assertTrue(message(Map.of(RemoteSettings.URL, "http://h", RemoteSettings.API_KEY_ENV, "NOT_SET"))
                .contains("NOT_SET"));
        for (String m : new String[] {message(Map.of()), message(Map.of(RemoteSettings.URL, "gpu-box:8091"))}) {
            assertEquals(1, m.lines().count(), m);
        }
    }

    @Test
    void readsTheKeyFromAnOwnerOnlyFileAndRefusesAShared() throws Exception {
        Path file = dir.resolve("remote-api-key");
        Files.writeString(file, KEY + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        RemoteSettings s = read(Map.of(RemoteSettings.URL, "http://h:1", RemoteSettings.API_KEY_FILE, file.toString()));
        assertEquals(Optional.of("Bearer " + KEY), s.apiKey().authorization());

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        String m = message(Map.of(RemoteSettings.URL, "http://h:1", RemoteSettings.API_KEY_FILE, file.toString()));
        assertTrue(m.contains("chmod 600"), m);
        assertFalse(m.contains(KEY));
    }

    @Test
    void theKeyNeverShowsInToStrings() {
        RemoteSettings s = read(Map.of(RemoteSettings.URL, "http://h:1", RemoteSettings.API_KEY_ENV, "OMNI_KEY"));
        EngineOptions options = new EngineOptions(Optional.empty(), "auto", 0,
                Map.of(RemoteSettings.URL, "http://h:1", RemoteSettings.API_KEY_ENV, "OMNI_KEY"));
        try (RemoteEngine engine = new RemoteEngine(s)) {
            for (String text : new String[] {s.toString(), s.apiKey().toString(), options.toString(), engine.toString(),
                    engine.info().toString()}) {
                assertFalse(text.contains(KEY), text);
            }
        }
        assertEquals("say **** twice: ****", s.apiKey().redact("say " + KEY + " twice: " + KEY));
    }
}
