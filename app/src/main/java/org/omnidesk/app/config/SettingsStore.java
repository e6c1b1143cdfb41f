// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Reads and writes {@code settings.json}. A missing file gives the defaults; a damaged one is
 * moved aside to {@code settings.json.bad} (so the user's edits are not lost) and the defaults
 * are used, with {@link #problem()} saying so. Writes go to a temporary file first and then
 * replace the old one, so a crash never leaves half a file.
 */
public final class SettingsStore {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private String problem;

    public SettingsStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Why the last {@link #load()} fell back to defaults, if it had to. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    public Settings load() {
        problem = null;
        if (!Files.exists(file)) {
            return Settings.defaults();
        }
        try {
            JsonNode stored = JSON.readTree(file.toFile());
            if (!(stored instanceof ObjectNode storedObject)) {
                throw new IOException("not a JSON object");
            }
            // Stored keys over the defaults' keys: fields added in later versions get their defaults.
            ObjectNode merged = JSON.valueToTree(Settings.defaults());
            merged.setAll(storedObject);
            return JSON.treeToValue(merged, Settings.class);
        } catch (IOException | IllegalArgumentException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".bad");
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                aside = file;
            }
            problem = file + " could not be read (" + firstLine(e) + "); using default settings, the old file is "
                    + aside;
            return Settings.defaults();
        }
    }

    public void save(Settings settings) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, JSON.writeValueAsString(settings));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("settings cannot be written as JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        return m.lines().findFirst().orElse(m);
    }
}
