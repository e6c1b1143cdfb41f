// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.omnidesk.app.Sha256;

/** The repository's tiny random-weights package (packaging/export/tiny/package), copied and altered for tests. */
public final class TinyPackage {

    private TinyPackage() {
    }

    public static Path source() {
        Path p = Path.of(System.getProperty("omnidesk.root", ".."), "packaging", "export", "tiny", "package");
        if (!Files.isRegularFile(p.resolve("omni-package.json"))) {
            throw new IllegalStateException("the tiny package is missing at " + p);
        }
        return p;
    }

    /** A copy of the tiny package in {@code target}. */
    public static Path copy(Path target) {
        Path from = source();
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path to = target.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else if (!f.getFileName().toString().startsWith(".")) {
                    Files.copy(f, to);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A copy whose {@code vision_encoder} graph is really the audio encoder, with the manifest's
     * SHA-256 updated to match: every checksum passes, only the graph's signature is wrong.
     */
    public static Path withWrongSignature(Path target) {
        Path pkg = copy(target);
        try {
            Files.copy(pkg.resolve("graphs/audio_encoder.onnx"), pkg.resolve("graphs/vision_encoder.onnx"),
                    StandardCopyOption.REPLACE_EXISTING);
            ObjectMapper json = new ObjectMapper();
            ObjectNode manifest = (ObjectNode) json.readTree(pkg.resolve("omni-package.json").toFile());
            ((ObjectNode) manifest.get("graphs").get("vision_encoder")).put("sha256",
                    Sha256.of(pkg.resolve("graphs/vision_encoder.onnx")));
            json.writerWithDefaultPrettyPrinter().writeValue(pkg.resolve("omni-package.json").toFile(), manifest);
            return pkg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tiny package as a zip whose single top-level folder is {@code folder}. */
    public static Path zip(Path zipFile, String folder) {
        Path from = source();
        try (Stream<Path> files = Files.walk(from); OutputStream out = Files.newOutputStream(zipFile);
             ZipOutputStream zip = new ZipOutputStream(out)) {
            List<Path> all = files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted().toList();
            for (Path f : all) {
                zip.putNextEntry(new ZipEntry(folder + "/" + from.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, zip);
                zip.closeEntry();
            }
            zip.finish();
            return zipFile;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
