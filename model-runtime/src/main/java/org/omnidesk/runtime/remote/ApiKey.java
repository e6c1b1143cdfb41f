// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.omnidesk.runtime.api.ErrorKind;
import org.omnidesk.runtime.api.InferenceException;

/**
 * The bearer token for the server. It only ever leaves this class as the Authorization header
 * value: {@link #toString()} is redacted, and messages that quote the server pass through
 * {@link #redact(String)}. It is read from an environment variable or a file (never from
 * {@code EngineOptions.settings()}, whose {@code toString()} would show it).
 */
public final class ApiKey {

    private static final ApiKey NONE = new ApiKey("");
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final String secret;

    private ApiKey(String secret) {
        this.secret = secret;
    }

    public static ApiKey none() {
        return NONE;
    }

    /** The key in environment variable {@code name}, looked up with {@code env}. */
    static ApiKey fromEnvironment(String name, UnaryOperator<String> env) {
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            throw new InferenceException(ErrorKind.REMOTE, "The environment variable " + name
                    + " named for the API key is not set; export it or drop --api-key-env");
        }
        return new ApiKey(value.strip());
    }

    /** The key stored in {@code file}, which must be readable by its owner only (like ssh keys). */
    static ApiKey fromFile(Path file) {
        try {
            PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (posix != null && !OWNER_ONLY.containsAll(posix.readAttributes().permissions())) {
                throw new InferenceException(ErrorKind.REMOTE, "The API key file " + file
                        + " is readable by other users; run chmod 600 " + file);
            }
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new InferenceException(ErrorKind.REMOTE, "The API key file " + file
                        + " is empty; enter the key again in the remote settings");
            }
            return new ApiKey(value);
        } catch (IOException e) {
            throw new InferenceException(ErrorKind.REMOTE, "Cannot read the API key file " + file + " ("
                    + e.getClass().getSimpleName() + "); enter the key again in the remote settings");
        }
    }

    public boolean isPresent() {
        return !secret.isEmpty();
    }

    /** The Authorization header value, when there is a key. */
    Optional<String> authorization() {
        return isPresent() ? Optional.of("Bearer " + secret) : Optional.empty();
    }

    /** {@code text} with every occurrence of the key replaced, for text that came from elsewhere. */
    public String redact(String text) {
        return !isPresent() || text == null ? text : text.replace(secret, "****");
    }

    @Override
    public String toString() {
        return isPresent() ? "ApiKey[****]" : "ApiKey[none]";
    }
}
