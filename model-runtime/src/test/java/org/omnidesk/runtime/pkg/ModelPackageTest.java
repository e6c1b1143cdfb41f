// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.pkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelPackageTest {

    @TempDir
    Path tmp;
    Path dir;

    @BeforeEach
    void build() throws IOException {
        dir = TestPackage.build(tmp.resolve("package"));
    }

    private ModelPackageException refused() {
        return assertThrows(ModelPackageException.class, () -> ModelPackage.open(dir, VerifyListener.NONE));
    }

    private ModelPackageException refusedGraphs() {
        ModelPackage pkg = ModelPackage.open(dir, VerifyListener.NONE);
        return assertThrows(ModelPackageException.class, pkg::checkGraphs);
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing in: " + e.getMessage());
        }
        assertEquals(1, e.getMessage().lines().count(), "one line: " + e.getMessage());
    }

    @Test
    void aCompletePackageOpensAndEveryGraphMatchesTheContract() {
        List<long[]> progress = new ArrayList<>();
        ModelPackage pkg = ModelPackage.open(dir, (file, done, total) -> progress.add(new long[] {done, total}));
        pkg.checkGraphs();
        assertEquals(2, pkg.manifest().thinker().layers());
        assertEquals(151644, pkg.manifest().tokens().imStart());
        assertEquals(1176, pkg.manifest().vision().patchDim());
        assertEquals(dir.resolve("tokenizer.json").toAbsolutePath(), pkg.tokenizerFile());
        SpeakerFile chelsie = pkg.speakers().get(pkg.manifest().defaultSpeaker());
        assertEquals(151872, chelsie.bosToken());
        assertEquals(3, chelsie.cond().length);
        assertTrue(chelsie.refMelFile().endsWith("speakers/Chelsie.ref_mel.npy"));
        long[] last = progress.get(progress.size() - 1);
        assertEquals(last[1], last[0], "progress ends at the total");
        assertTrue(last[1] > 5_000_000, "the total counts the tokenizer's 5 MB");
    }

    @Test
    void openGraphGivesACheckedSessionTheCallerOwns() throws OrtException {
        ModelPackage pkg = ModelPackage.open(dir, VerifyListener.NONE);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = pkg.openGraph(env, GraphContract.THINKER_DECODER, options)) {
            // 3 + 2 per layer inputs, logits + hidden_states + 2 per layer outputs (2 layers)
            assertEquals(7, session.getNumInputs());
            assertEquals(6, session.getNumOutputs());
        }
    }

    @Test
    void aSecondOpenTrustsTheCacheWhileSizeAndMtimeAreUnchanged() throws IOException {
        ModelPackage.open(dir, VerifyListener.NONE);
        assertTrue(Files.isRegularFile(dir.resolve(Sha256Cache.FILE_NAME)), "the cache lives in the package folder");
        Path graph = dir.resolve("graphs/bigvgan.onnx");
        FileTime mtime = Files.getLastModifiedTime(graph);
        byte[] bytes = Files.readAllBytes(graph);
        bytes[bytes.length - 1] ^= 1; // same size, other content, same mtime: the cache answers, the file is not read
        Files.write(graph, bytes);
        Files.setLastModifiedTime(graph, mtime);
        ModelPackage.open(dir, VerifyListener.NONE);
        Files.setLastModifiedTime(graph, FileTime.fromMillis(mtime.toMillis() + 2000));
        assertMentions(refused(), "graphs/bigvgan.onnx", "SHA-256");
    }

    @Test
    void aWrongSha256IsRefusedNamingTheFile() throws IOException {
        ObjectNode m = TestPackage.manifest(dir);
        TestPackage.graph(m, "dit_step").put("sha256", "0".repeat(64));
        TestPackage.writeManifest(dir, m);
        assertMentions(refused(), "graphs/dit_step.onnx", "SHA-256", "damaged");
    }

    @Test
    void aPathWithDotDotIsRefused() throws IOException {
        Files.copy(dir.resolve("graphs/bigvgan.onnx"), tmp.resolve("x.onnx"));
        ObjectNode m = TestPackage.manifest(dir);
        TestPackage.graph(m, "bigvgan").put("file", "../x.onnx");
        TestPackage.writeManifest(dir, m);
        assertMentions(refused(), "'../x.onnx'", "outside the package");
    }

    @Test
    void anAbsolutePathIsRefused() throws IOException {
        ObjectNode m = TestPackage.manifest(dir);
        TestPackage.graph(m, "bigvgan").put("file", dir.resolve("graphs/bigvgan.onnx").toAbsolutePath().toString());
        TestPackage.writeManifest(dir, m);
        assertMentions(refused(), "graphs/bigvgan.onnx'", "absolute path");
    }

    @Test
    void aSymbolicLinkLeavingThePackageIsRefused() throws IOException {
        Path outside = tmp.resolve("outside.onnx");
        Files.move(dir.resolve("graphs/bigvgan.onnx"), outside);
        Files.createSymbolicLink(dir.resolve("graphs/bigvgan.onnx"), outside);
        assertMentions(refused(), "graphs/bigvgan.onnx", "symbolic link leading outside");
    }

    @Test
    void aSymbolicLinkInsideThePackageIsFine() throws IOException {
        Files.move(dir.resolve("graphs/bigvgan.onnx"), dir.resolve("graphs/real-bigvgan.onnx"));
        Files.createSymbolicLink(dir.resolve("graphs/bigvgan.onnx"), Path.of("real-bigvgan.onnx"));
        ModelPackage.open(dir, VerifyListener.NONE).checkGraphs();
    }

    @Test
    void aMissingGraphIsRefused() throws IOException {
        ObjectNode m = TestPackage.manifest(dir);
        ((ObjectNode) m.get("graphs")).remove("talker_embed");
        TestPackage.writeManifest(dir, m);
        assertMentions(refused(), "omni-package.json", "missing graph 'talker_embed'");
    }

    @Test
    void aMissingFileIsRefused() throws IOException {
        Files.delete(dir.resolve("graphs/spk_encoder.onnx"));
        assertMentions(refused(), "graphs/spk_encoder.onnx", "file not found");
    }

    @Test
    void anotherFormatVersionIsRefused() throws IOException {
        ObjectNode m = TestPackage.manifest(dir);
        m.put("format", "omnidesk-model/2");
        TestPackage.writeManifest(dir, m);
        assertMentions(refused(), "omni-package.json", "omnidesk-model/2", "omnidesk-model/1");
    }

    @Test
    void aMissingRequiredFieldIsNamed() throws IOException {
        ObjectNode m = TestPackage.manifest(dir);
        ((ObjectNode) m.get("thinker")).remove("kv_heads");
        TestPackage.writeManifest(dir, m);
        assertMentions(refused(), "omni-package.json", "thinker", "kv_heads");
    }

    @Test
    void aBadValueIsNamed() throws IOException {
        ObjectNode m = TestPackage.manifest(dir);
        ((ObjectNode) m.get("precision")).put("talker", "int8");
        TestPackage.writeManifest(dir, m);
        assertMentions(refused(), "precision.talker", "int8");
    }

    @Test
    void aGraphWithAWrongInputNameIsRefusedNamingGraphAndTensor() throws IOException {
        replaceGraph("audio_encoder", "audio_encoder_wrong_input_name.onnx");
        assertMentions(refusedGraphs(), "graphs/audio_encoder.onnx", "graph 'audio_encoder'",
                "missing input 'input_features'", "tensor(float) [mel_bins, N]", "features tensor(float) [128, -1]");
    }

    @Test
    void aGraphWithAWrongInputTypeIsRefusedWithExpectedAndFound() throws IOException {
        replaceGraph("thinker_embed", "thinker_embed_int32_ids.onnx");
        assertMentions(refusedGraphs(), "graph 'thinker_embed'", "input 'input_ids'",
                "expected input_ids tensor(int64) [B, S]", "found input_ids tensor(int32) [-1, -1]");
    }

    @Test
    void floatTypesFollowTheManifestPrecision() throws IOException {
        ObjectNode m = TestPackage.manifest(dir);
        ((ObjectNode) m.get("precision")).put("thinker", "fp16");
        TestPackage.writeManifest(dir, m);
        assertMentions(refusedGraphs(), "graph 'thinker_embed'", "output 'inputs_embeds'", "tensor(float16)",
                "found inputs_embeds tensor(float)");
    }

    @Test
    void externalDataFilesAreVerifiedToo() throws IOException {
        Path data = dir.resolve("graphs/thinker_decoder.onnx.data");
        Files.write(data, new byte[] {1, 2, 3});
        ObjectNode m = TestPackage.manifest(dir);
        TestPackage.graph(m, "thinker_decoder").putArray("data").addObject()
                .put("file", "graphs/thinker_decoder.onnx.data").put("sha256", TestPackage.sha256(data));
        TestPackage.writeManifest(dir, m);
        ModelPackage.open(dir, VerifyListener.NONE);
        Files.write(data, new byte[] {1, 2, 4, 8});
        assertMentions(refused(), "graphs/thinker_decoder.onnx.data", "SHA-256");
    }

    @Test
    void aSpeakerReferenceMelOutsideThePackageIsRefused() throws IOException {
        Files.writeString(dir.resolve("speakers/Chelsie.json"),
                "{\"bos_token\": 151872, \"cond\": [0.5], \"ref_mel_file\": \"../../outside.npy\"}");
        assertMentions(refused(), "'../../outside.npy'", "outside the package");
    }

    @Test
    void aFolderWithoutManifestIsRefusedWithTheFix() {
        ModelPackageException e = assertThrows(ModelPackageException.class,
                () -> ModelPackage.open(tmp, VerifyListener.NONE));
        assertMentions(e, "no omni-package.json");
    }

    private void replaceGraph(String graph, String fixture) throws IOException {
        Path file = dir.resolve("graphs/" + graph + ".onnx");
        TestPackage.copyGraph(fixture, file);
        ObjectNode m = TestPackage.manifest(dir);
        TestPackage.graph(m, graph).put("sha256", TestPackage.sha256(file));
        TestPackage.writeManifest(dir, m);
    }
}
