// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.pkg;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * An opened, checked model package (MODEL_PACKAGE.md): the manifest, every file resolved inside the
 * folder, every SHA-256 verified, the speakers read, and the graph contract for this manifest.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * ModelPackage pkg = ModelPackage.open(dir, (file, done, total) -> progress.set(done / (double) total));
 * try (OrtSession s = pkg.openGraph(env, GraphContract.THINKER_EMBED, options)) { ... }
 * }</pre>
 */
public final class ModelPackage {

    public static final String MANIFEST = "omni-package.json";

    private final Path dir;
    private final ModelManifest manifest;
    private final GraphContract contract;
    private final Map<String, Path> graphFiles;
    private final Path tokenizerFile;
    private final Map<String, SpeakerFile> speakers;

    private ModelPackage(Path dir, ModelManifest manifest, Map<String, Path> graphFiles, Path tokenizerFile,
                         Map<String, SpeakerFile> speakers) {
        this.dir = dir;
        this.manifest = manifest;
        this.contract = GraphContract.of(manifest);
        this.graphFiles = Map.copyOf(graphFiles);
        this.tokenizerFile = tokenizerFile;
        this.speakers = Map.copyOf(speakers);
    }

    /**
     * Reads and checks the package in {@code dir}: format version, required fields, path safety,
     * the ten graphs present, SHA-256 of every listed file (cached by size + mtime, so a second open
     * of an unchanged package does not read the files again), speaker files. Graph signatures are
     * checked when sessions are created ({@link #openGraph}, {@link #checkGraphs}).
     */
    public static ModelPackage open(Path dir, VerifyListener listener) {
        Path root = realFolder(dir);
        ModelManifest manifest = readManifest(root);
        List<FileVerifier.Check> checks = new ArrayList<>();
        Map<String, Path> graphFiles = new LinkedHashMap<>();
        for (String graph : GraphContract.GRAPHS) {
            ModelManifest.GraphEntry entry = manifest.graphs().get(graph);
            if (entry == null) {
                throw new ModelPackageException(MANIFEST + ": missing graph '" + graph + "' (a package has "
                        + String.join(", ", GraphContract.GRAPHS) + "); " + PackageJson.FIX);
            }
            graphFiles.put(graph, add(root, entry.file(), entry.sha256(), "graph " + graph + " file", checks));
            for (ModelManifest.FileEntry data : entry.data()) {
                add(root, data.file(), data.sha256(), "external data of graph " + graph, checks);
            }
        }
        TreeSet<String> unknown = new TreeSet<>(manifest.graphs().keySet());
        GraphContract.GRAPHS.forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw new ModelPackageException(MANIFEST + ": unknown graph '" + unknown.first() + "' (format "
                    + ModelManifest.FORMAT + " has " + String.join(", ", GraphContract.GRAPHS) + "); "
                    + PackageJson.FIX);
        }
        Path tokenizer = add(root, manifest.tokenizer().file(), manifest.tokenizer().sha256(), "tokenizer", checks);
        Map<String, SpeakerFile> speakers = new LinkedHashMap<>();
        for (var e : manifest.speakers().entrySet()) {
            String what = "speaker " + e.getKey();
            Path json = e.getValue().sha256().isEmpty()
                    ? PackagePaths.resolveFile(root, root, e.getValue().file(), MANIFEST, what)
                    : add(root, e.getValue().file(), e.getValue().sha256(), what, checks);
            speakers.put(e.getKey(), readSpeaker(root, e.getKey(), json));
        }
        FileVerifier.verify(root, checks, listener);
        return new ModelPackage(root, manifest, graphFiles, tokenizer, speakers);
    }

    private static Path realFolder(Path dir) {
        try {
            Path real = dir.toRealPath();
            if (!Files.isDirectory(real)) {
                throw new ModelPackageException(dir + ": is not a folder; give the model package folder"
                        + " (the one holding " + MANIFEST + ")");
            }
            return real;
        } catch (IOException e) {
            throw new ModelPackageException(dir + ": model package folder not found; give the folder holding "
                    + MANIFEST, e);
        }
    }

    private static ModelManifest readManifest(Path root) {
        Path file = root.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new ModelPackageException(root + ": no " + MANIFEST + " here; give the model package folder"
                    + " (exported with packaging/export) or import its .zip");
        }
        return PackageJson.read(file, MANIFEST, ModelManifest.class);
    }

    private static Path add(Path root, String name, String sha256, String what, List<FileVerifier.Check> checks) {
        Path file = PackagePaths.resolveFile(root, root, name, MANIFEST, what);
        checks.add(new FileVerifier.Check(name, file, sha256));
        return file;
    }

    private static SpeakerFile readSpeaker(Path root, String name, Path json) {
        String shown = root.relativize(json).toString();
        SpeakerFile.Json s = PackageJson.read(json, shown, SpeakerFile.Json.class);
        Path refMel = PackagePaths.resolveFile(root, json.getParent(), s.refMelFile(), shown, "ref_mel_file");
        return new SpeakerFile(name, s.bosToken(), s.cond(), refMel);
    }

    public Path dir() {
        return dir;
    }

    public ModelManifest manifest() {
        return manifest;
    }

    public GraphContract contract() {
        return contract;
    }

    public Path graphFile(String graph) {
        contract.signature(graph);
        return graphFiles.get(graph);
    }

    public Path tokenizerFile() {
        return tokenizerFile;
    }

    /** Speakers by name; {@code manifest().defaultSpeaker()} is one of them. */
    public Map<String, SpeakerFile> speakers() {
        return speakers;
    }

    /**
     * Creates a session for {@code graph} with the caller's options and checks its signature; the
     * caller owns (closes) the session. A graph that does not match is closed and refused.
     */
    public OrtSession openGraph(OrtEnvironment env, String graph, OrtSession.SessionOptions options) {
        Path file = graphFile(graph);
        String shown = dir.relativize(file).toString();
        OrtSession session;
        try {
            session = env.createSession(file.toString(), options);
        } catch (OrtException e) {
            throw new ModelPackageException(shown + ": ONNX Runtime cannot load graph '" + graph + "' ("
                    + e.getMessage().lines().findFirst().orElse("") + "); " + PackageJson.FIX, e);
        }
        try {
            contract.check(graph, session);
            return session;
        } catch (ModelPackageException e) {
            closeQuietly(session, e);
            throw new ModelPackageException(shown + ": " + e.getMessage(), e);
        }
    }

    /** Opens every graph once on the CPU, checks its signature, closes it: the full load-time check. */
    public void checkGraphs() {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        for (String graph : GraphContract.GRAPHS) {
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
                try (OrtSession session = openGraph(env, graph, options)) {
                    session.getNumInputs();
                }
            } catch (OrtException e) {
                throw new ModelPackageException(graph + ": ONNX Runtime failed (" + e.getMessage() + "); "
                        + PackageJson.FIX, e);
            }
        }
    }

    private static void closeQuietly(OrtSession session, Exception primary) {
        try {
            session.close();
        } catch (OrtException e) {
            primary.addSuppressed(e);
        }
    }
}
