// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The reference data folder ../shared/data (system property omnidesk.shared, set by surefire). */
public final class SharedData {

    private SharedData() {
    }

    public static Path path(String relative) {
        Path p = Path.of(System.getProperty("omnidesk.shared", "../../shared")).resolve("data").resolve(relative);
        assertTrue(Files.exists(p), "reference data missing: " + p);
        return p;
    }

    public static Path tokenizerJson() {
        return path("tokenizer/tokenizer.json");
    }
}
