// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.omnidesk.app.config.AppDirs;
import org.omnidesk.runtime.api.EngineOptions;
import org.omnidesk.runtime.remote.RemoteSettings;

/**
 * Reads and writes the remote settings in the user's config folder: {@code remote.json}
 * ({@link RemoteConfig}) and {@code remote-api-key}, created owner-only (POSIX 600, or an
 * owner-only ACL on Windows) before the key is written, and never copied anywhere else: the
 * engine gets the file's path, not the key. {@link #engineOptions()} is empty until a server is
 * configured, and the app asks for it only when the user chose the remote engine, so nothing is
 * sent to a server the user did not configure.
 */
public final class RemoteConfigStore {

    public static final String CONFIG_FILE = "remote.json";
    public static final String KEY_FILE = "remote-api-key";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    public RemoteConfigStore(Path configDir) {
        this.dir = configDir;
    }

    /** The store in the app's config folder, beside {@code settings.json}. */
    public static RemoteConfigStore in(AppDirs dirs) {
        return new RemoteConfigStore(dirs.config());
    }

    public Path configFile() {
        return dir.resolve(CONFIG_FILE);
    }

    public Path keyFile() {
        return dir.resolve(KEY_FILE);
    }

    /** The saved settings; defaults (no server) when there are none. */
    public RemoteConfig load() {
        if (!Files.exists(configFile())) {
            return RemoteConfig.defaults();
        }
        try {
            ObjectNode merged = JSON.valueToTree(RemoteConfig.defaults());
            merged.setAll((ObjectNode) JSON.readTree(configFile().toFile()));
            return JSON.treeToValue(merged, RemoteConfig.class);
        } catch (IOException | ClassCastException | IllegalArgumentException e) {
            throw new IllegalStateException("The remote settings " + configFile() + " cannot be read ("
                    + firstLine(e) + "); fix or delete the file", e);
        }
    }

    public void save(RemoteConfig config) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, CONFIG_FILE, ".tmp");
            JSON.writeValue(tmp.toFile(), config);
            Files.move(tmp, configFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the remote settings to " + configFile(), e);
        }
    }

    /** Stores the key in an owner-only file (replacing any old one); the array is wiped afterwards. */
    public void saveApiKey(char[] key) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(key));
        try {
            Files.createDirectories(dir);
            Path tmp = ownerOnlyTempFile();
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(bytes);
            }
            Files.move(tmp, keyFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the API key to " + keyFile(), e);
        } finally {
            Arrays.fill(key, '\0');
            Arrays.fill(bytes.array(), (byte) 0);
        }
    }

    public void clearApiKey() {
        try {
            Files.deleteIfExists(keyFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the API key file " + keyFile(), e);
        }
    }

    public boolean hasApiKey() {
        return Files.isRegularFile(keyFile());
    }

    /** Provider "remote"'s options for the saved server; empty when no server is configured. */
    public Optional<EngineOptions> engineOptions() {
        RemoteConfig config = load();
        if (!config.isConfigured()) {
            return Optional.empty();
        }
        return Optional.of(new EngineOptions(Optional.empty(), "auto", 0,
                settings(config, hasApiKey() ? Optional.of(keyFile()) : Optional.empty())));
    }

    /** The engine's {@code remote.*} settings for {@code config}; the key travels as the path of its file. */
    public static Map<String, String> settings(RemoteConfig config, Optional<Path> keyFile) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(RemoteSettings.URL, config.url());
        if (!config.model().isEmpty()) {
            settings.put(RemoteSettings.MODEL, config.model());
        }
        keyFile.ifPresent(f -> settings.put(RemoteSettings.API_KEY_FILE, f.toString()));
        if (!config.verifyTls()) {
            settings.put(RemoteSettings.TLS_INSECURE, "true");
        }
        settings.put(RemoteSettings.CONNECT_TIMEOUT_MS, String.valueOf(config.connectTimeoutSeconds() * 1000L));
        settings.put(RemoteSettings.RESPONSE_TIMEOUT_MS, String.valueOf(config.responseTimeoutSeconds() * 1000L));
        settings.put(RemoteSettings.IDLE_TIMEOUT_MS, String.valueOf(config.idleTimeoutSeconds() * 1000L));
        settings.put(RemoteSettings.CONNECT_RETRIES, String.valueOf(config.connectRetries()));
        return settings;
    }

    /** The engine line of {@code omnidesk doctor} for the chosen {@code engine} (the server is not contacted). */
    public String describe(String engine) {
        RemoteConfig config;
        try {
            config = load();
        } catch (IllegalStateException e) {
            return engine + " (" + e.getMessage() + ")";
        }
        if (!RemoteConfig.ENGINE.equals(engine)) {
            return config.isConfigured() ? engine + " (a server is configured but not in use: " + config.host() + ")" : engine;
        }
        if (!config.isConfigured()) {
            return "remote, but no server is configured: set its URL in " + configFile();
        }
        return "remote: " + config.host() + " (" + (config.model().isEmpty() ? "the server's model" : config.model())
                + "; TLS " + (config.verifyTls() ? "verified" : "NOT verified") + "; API key "
                + (hasApiKey() ? "stored in " + keyFile() : "none") + ")";
    }

    /** A new empty file only its owner can read, made so before anything is written to it. */
    private Path ownerOnlyTempFile() throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(dir, KEY_FILE, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Path tmp = Files.createTempFile(dir, KEY_FILE, ".tmp");
        AclFileAttributeView acl = Files.getFileAttributeView(tmp, AclFileAttributeView.class);
        if (acl != null) {
            acl.setAcl(List.of(AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(acl.getOwner())
                    .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build()));
        }
        return tmp;
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
