// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.model;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.omnidesk.runtime.pkg.ModelPackage;

/**
 * Remembers the installed model packages in {@code models/installed.json} (imported folders stay
 * where they are; unpacked and downloaded ones live under {@code models/}).
 */
public final class ModelManager {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path folder;

    public ModelManager(Path modelsFolder) {
        this.folder = modelsFolder;
    }

    public Path folder() {
        return folder;
    }

    public Path downloads() {
        return folder.resolve("downloads");
    }

    public synchronized List<InstalledPackage> list() {
        Path file = registry();
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return List.copyOf(JSON.readValue(file.toFile(), new TypeReference<List<InstalledPackage>>() { }));
        } catch (IOException e) {
            throw new SetupException(file + " is damaged (" + e.getMessage() + "); delete it and import the packages again", e);
        }
    }

    public Optional<InstalledPackage> find(String id) {
        return list().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** Adds (or refreshes) the checked package; the same folder is one entry. */
    public synchronized InstalledPackage remember(ModelPackage pkg, String source, long nowMs) {
        String path = pkg.dir().toString();
        List<InstalledPackage> all = new ArrayList<>(list());
        all.removeIf(p -> p.path().equals(path));
        InstalledPackage added = new InstalledPackage(uniqueId(pkg.manifest().name(), all), pkg.manifest().name(), path,
                pkg.manifest().randomWeights(), source, nowMs);
        all.add(added);
        write(all);
        return added;
    }

    /** A new folder under models/ named after {@code hint} (made unique). */
    public Path newFolder(String hint) {
        String base = slug(hint);
        Path candidate = folder.resolve(base);
        for (int n = 2; Files.exists(candidate); n++) {
            candidate = folder.resolve(base + "-" + n);
        }
        return candidate;
    }

    static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[-.]+|-+$", "");
        return s.isEmpty() ? "package" : s;
    }

    private static String uniqueId(String name, List<InstalledPackage> existing) {
        String base = slug(name);
        String id = base;
        for (int n = 2; taken(existing, id); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    private static boolean taken(List<InstalledPackage> existing, String id) {
        return existing.stream().anyMatch(p -> p.id().equals(id));
    }

    private Path registry() {
        return folder.resolve("installed.json");
    }

    private void write(List<InstalledPackage> all) {
        try {
            Files.createDirectories(folder);
            Path tmp = registry().resolveSibling("installed.json.tmp");
            JSON.writeValue(tmp.toFile(), all);
            Files.move(tmp, registry(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new SetupException("cannot write " + registry() + " (" + e.getMessage() + "); check that the folder is writable", e);
        }
    }
}
