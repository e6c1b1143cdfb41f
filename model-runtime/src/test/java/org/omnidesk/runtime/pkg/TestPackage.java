// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.pkg;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.omnidesk.runtime.testing.SharedData;

/**
 * Builds a complete small package in a folder: the ten graphs of make_graphs.py, the reference
 * tokenizer.json, one speaker, and a manifest whose SHA-256s are computed here with the JDK's
 * MessageDigest. Tests then break one thing at a time.
 */
final class TestPackage {

    static final ObjectMapper JSON = new ObjectMapper();

    private TestPackage() {
    }

    static Path build(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("graphs"));
        Files.createDirectories(dir.resolve("speakers"));
        ObjectNode manifest = (ObjectNode) JSON.readTree(resource("omni-package.template.json"));
        ObjectNode graphs = manifest.putObject("graphs");
        for (String graph : GraphContract.GRAPHS) {
            String file = "graphs/" + graph + ".onnx";
            copyGraph(graph + ".onnx", dir.resolve(file));
            graphs.putObject(graph).put("file", file).put("sha256", sha256(dir.resolve(file)));
        }
        Files.copy(SharedData.tokenizerJson(), dir.resolve("tokenizer.json"));
        ((ObjectNode) manifest.get("tokenizer")).put("sha256", sha256(dir.resolve("tokenizer.json")));
        Files.writeString(dir.resolve("speakers/Chelsie.json"),
                "{\"bos_token\": 151872, \"cond\": [0.5, -0.25, 1.0], \"ref_mel_file\": \"Chelsie.ref_mel.npy\"}");
        Files.write(dir.resolve("speakers/Chelsie.ref_mel.npy"), new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'});
        writeManifest(dir, manifest);
        return dir;
    }

    static ObjectNode manifest(Path dir) throws IOException {
        return (ObjectNode) JSON.readTree(dir.resolve(ModelPackage.MANIFEST).toFile());
    }

    static void writeManifest(Path dir, ObjectNode manifest) throws IOException {
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(ModelPackage.MANIFEST).toFile(), manifest);
    }

    static ObjectNode graph(ObjectNode manifest, String graph) {
        return (ObjectNode) manifest.get("graphs").get(graph);
    }

    /** Copies a fixture graph from the test resources. */
    static void copyGraph(String fixture, Path to) throws IOException {
        try (InputStream in = TestPackage.class.getResourceAsStream("graphs/" + fixture)) {
            if (in == null) {
                throw new IOException("missing fixture graph " + fixture);
            }
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String sha256(Path file) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = TestPackage.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing test resource " + name);
        }
        return in;
    }
}
