// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnidesk.runtime.api.EngineOptions;
import org.omnidesk.runtime.remote.RemoteSettings;

class RemoteConfigStoreTest {

    static final String KEY = "sk-config-test-91b2";

    @TempDir
    Path dir;

    @Test
    void withoutAServerThereAreNoRemoteOptionsAndNothingIsSentAnywhere() {
        RemoteConfigStore store = new RemoteConfigStore(dir.resolve("config"));
        assertEquals(RemoteConfig.defaults(), store.load());
        assertEquals(Optional.empty(), store.engineOptions());
        assertEquals("local", store.describe("local"));
        assertEquals("remote, but no server is configured: set its URL in " + store.configFile(), store.describe("remote"));
        store.save(RemoteConfig.defaults().withUrl("http://gpu-box:8091/v1"));
        assertEquals("local (a server is configured but not in use: gpu-box:8091)", store.describe("local"));
    }

    @Test
    void theKeyLivesInAnOwnerOnlyFileAndTheEngineGetsItsPath() throws Exception {
        RemoteConfigStore store = new RemoteConfigStore(dir.resolve("config"));
        RemoteConfig config = new RemoteConfig("https://omni.example.org/v1", "Qwen/Qwen2.5-Omni-7B", false, 10, 60, 300, 2);
        store.save(config);
        char[] typed = KEY.toCharArray();
        store.saveApiKey(typed);
        assertEquals("\0".repeat(KEY.length()), new String(typed), "the typed key is wiped from memory");

        assertEquals(config, store.load());
        assertEquals(KEY, Files.readString(store.keyFile()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.keyFile())));
        assertFalse(Files.readString(store.configFile()).contains(KEY));

        EngineOptions options = store.engineOptions().orElseThrow();
        assertEquals(Map.of(RemoteSettings.URL, "https://omni.example.org/v1", RemoteSettings.MODEL, "Qwen/Qwen2.5-Omni-7B",
                RemoteSettings.API_KEY_FILE, store.keyFile().toString(), RemoteSettings.TLS_INSECURE, "true",
                RemoteSettings.CONNECT_TIMEOUT_MS, "10000", RemoteSettings.RESPONSE_TIMEOUT_MS, "60000",
                RemoteSettings.IDLE_TIMEOUT_MS, "300000", RemoteSettings.CONNECT_RETRIES, "2"), options.settings());
        assertFalse(options.toString().contains(KEY));
        assertTrue(RemoteSettings.from(options.settings(), name -> null).apiKey().isPresent());
        assertEquals("remote: omni.example.org (Qwen/Qwen2.5-Omni-7B; TLS NOT verified; API key stored in "
                + store.keyFile() + ")", store.describe("remote"));

        store.clearApiKey();
        assertFalse(store.hasApiKey());
        assertFalse(store.engineOptions().orElseThrow().settings().containsKey(RemoteSettings.API_KEY_FILE));
    }

    @Test
    void partialAndDamagedFilesAreHandled() throws Exception {
        RemoteConfigStore store = new RemoteConfigStore(dir);
        Files.writeString(store.configFile(), "{\"url\": \"http://h:1/v1\", \"future\": 1}");
        RemoteConfig partial = store.load();
        assertEquals("http://h:1/v1", partial.url());
        assertEquals(60, partial.responseTimeoutSeconds(), "missing keys take the defaults");

        Files.writeString(store.configFile(), "{\"url\": ");
        IllegalStateException e = assertThrows(IllegalStateException.class, store::load);
        assertTrue(e.getMessage().contains(store.configFile().toString()) && e.getMessage().contains("fix or delete"));
        assertTrue(store.describe("remote").contains("cannot be read"), store.describe("remote"));

        assertThrows(IllegalArgumentException.class, () -> RemoteConfig.defaults().withUrl("gpu-box:8091"));
        assertThrows(IllegalArgumentException.class, () -> RemoteConfig.defaults().withUrl("http://bad host/v1"));
        assertThrows(IllegalArgumentException.class, () -> new RemoteConfig("", "", true, 0, 60, 300, 2));
    }
}
