// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.pkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnidesk.runtime.prompt.PromptConfig;
import org.omnidesk.runtime.tokenizer.Tokenizer;

/**
 * The committed tiny reference package (packaging/export/tiny/package, made by the exporter's own
 * code) validates: every SHA-256 matches its manifest, every graph's names, ranks and element types
 * match the contract in a real ONNX Runtime session, and its tokens agree with its tokenizer.
 * Opened from a copy so that the SHA-256 cache is not written into the source tree.
 */
class TinyPackageTest {

    static Path tinyPackage() {
        Path p = Path.of(System.getProperty("omnidesk.root", "..")).resolve("packaging/export/tiny/package");
        assertTrue(Files.isRegularFile(p.resolve(ModelPackage.MANIFEST)), "tiny package missing at " + p);
        return p;
    }

    @Test
    void theTinyReferencePackageValidates(@TempDir Path tmp) throws IOException {
        Path copy = copy(tinyPackage(), tmp.resolve("tiny"));
        ModelPackage pkg = ModelPackage.open(copy, VerifyListener.NONE);
        pkg.checkGraphs();
        assertTrue(pkg.manifest().randomWeights());
        assertEquals(2, pkg.speakers().size());
        PromptConfig config = PromptConfig.of(pkg.manifest());
        assertEquals(PromptConfig.QWEN25_OMNI, config, "the tiny model keeps Qwen2.5-Omni's ids and constants");
        try (Tokenizer tok = Tokenizer.load(pkg.tokenizerFile())) {
            config.requireMatches(tok);
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else if (!p.getFileName().toString().equals(Sha256Cache.FILE_NAME)) {
                    Files.copy(p, dest, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }
}
