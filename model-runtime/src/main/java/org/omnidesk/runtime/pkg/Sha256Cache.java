// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.pkg;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * SHA-256s already computed for a package's files, keyed by package-relative name and valid while
 * the file's size and modification time are unchanged. Kept in {@value #FILE_NAME} inside the package
 * folder (it travels with the package; a moved or copied file gets a new mtime and is hashed again).
 * A read-only package folder simply keeps no cache: every start hashes again.
 */
final class Sha256Cache {

    static final String FILE_NAME = ".omnidesk-sha256.json";

    /** One file's fingerprint; mtime is the ISO-8601 instant with the file system's full precision. */
    record Entry(long size, String mtime, String sha256) {}

    record Content(int version, Map<String, Entry> files) {}

    private final Path cacheFile;
    private final Map<String, Entry> entries;
    private boolean dirty;

    private Sha256Cache(Path cacheFile, Map<String, Entry> entries) {
        this.cacheFile = cacheFile;
        this.entries = entries;
    }

    /** Loads the cache of {@code packageDir}; a missing or unreadable cache is empty, never an error. */
    static Sha256Cache load(Path packageDir) {
        Path file = packageDir.resolve(FILE_NAME);
        Map<String, Entry> entries = new HashMap<>();
        if (Files.isRegularFile(file)) {
            try {
                Content content = PackageJson.MAPPER.readValue(file.toFile(), Content.class);
                if (content.version() == 1) {
                    entries.putAll(content.files());
                }
            } catch (IOException | IllegalArgumentException e) {
                entries.clear(); // a damaged cache only costs one re-hash
            }
        }
        return new Sha256Cache(file, entries);
    }

    /** The SHA-256 recorded for {@code name} if the file still has that size and mtime. */
    Optional<String> lookup(String name, BasicFileAttributes attrs) {
        Entry e = entries.get(name);
        if (e != null && e.size() == attrs.size() && e.mtime().equals(attrs.lastModifiedTime().toInstant().toString())) {
            return Optional.of(e.sha256());
        }
        return Optional.empty();
    }

    void record(String name, BasicFileAttributes attrs, String sha256) {
        entries.put(name, new Entry(attrs.size(), attrs.lastModifiedTime().toInstant().toString(), sha256));
        dirty = true;
    }

    /** Writes the cache atomically; failures (read-only folder, full disk) are ignored on purpose. */
    void save() {
        if (!dirty) {
            return;
        }
        try {
            Path tmp = Files.createTempFile(cacheFile.getParent(), FILE_NAME, ".tmp");
            try {
                PackageJson.MAPPER.writeValue(tmp.toFile(), new Content(1, entries));
                try {
                    Files.move(tmp, cacheFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, cacheFile, StandardCopyOption.REPLACE_EXISTING);
                }
                dirty = false;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            // no cache this time: the next start hashes again
        }
    }
}
