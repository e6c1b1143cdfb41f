// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnidesk.app.Sha256;
import org.omnidesk.app.testing.TinyPackage;

/**
 * Downloads from a local HTTP server that honours Range requests and can cut a transfer short,
 * into the real installer (zip import, SHA-256s, graph checks of model-runtime).
 */
class PackageDownloaderTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private Path served;
    /** Bytes to send before cutting the connection on the next request (-1: no cut). */
    private final AtomicInteger cutAfter = new AtomicInteger(-1);
    private final List<String> ranges = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serve() throws IOException {
        served = Files.createDirectories(dir.resolve("www"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void shutdown() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + path);
    }

    private void handle(HttpExchange ex) throws IOException {
        Path file = served.resolve(ex.getRequestURI().getPath().substring(1)).normalize();
        if (!file.startsWith(served) || !Files.isRegularFile(file)) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        byte[] all = Files.readAllBytes(file);
        if ("HEAD".equals(ex.getRequestMethod())) {
            ex.getResponseHeaders().add("Content-Length", String.valueOf(all.length));
            ex.sendResponseHeaders(200, -1);
            ex.close();
            return;
        }
        int from = 0;
        String range = ex.getRequestHeaders().getFirst("Range");
        if (range != null) {
            ranges.add(range);
            Matcher m = Pattern.compile("bytes=(\\d+)-").matcher(range);
            from = m.matches() ? Integer.parseInt(m.group(1)) : 0;
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (all.length - 1) + "/" + all.length);
        }
        ex.sendResponseHeaders(range == null ? 200 : 206, all.length - from);
        int cut = cutAfter.getAndSet(-1);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(all, from, cut < 0 ? all.length - from : Math.min(cut, all.length - from));
            out.flush();
        } catch (IOException e) {
            // closing short of the declared length: the client sees a transfer that stops or stalls
        } finally {
            ex.close();
        }
    }

    /** A 2 s stall limit: a cut transfer is reported quickly. */
    private PackageInstaller installer(ModelManager models) {
        return new PackageInstaller(models, new PackageDownloader(url("hub/"), Duration.ofSeconds(2)), () -> 1_000L);
    }

    @Test
    void anInterruptedZipDownloadResumesWithARangeRequestAndIsVerified() throws Exception {
        Path zip = TinyPackage.zip(served.resolve("tiny.zip"), "tiny");
        String sha = Sha256.of(zip);
        ModelManager models = new ModelManager(dir.resolve("models"));
        PackageInstaller installer = installer(models);

        cutAfter.set(5_000_000);
        SetupException cut = assertThrows(SetupException.class,
                () -> installer.download(url("tiny.zip").toString(), sha, (f, w) -> { }, () -> false));
        assertTrue(cut.getMessage().contains("again to resume"), cut.getMessage());
        Path part = models.downloads().resolve("tiny.zip.part");
        assertEquals(5_000_000, Files.size(part), "what arrived is kept");

        InstalledPackage installed = installer.download(url("tiny.zip").toString(), sha, (f, w) -> { }, () -> false);
        assertEquals(List.of("bytes=5000000-"), ranges, "the second request asked only for the rest");
        assertTrue(installed.randomWeights());
        assertTrue(Path.of(installed.path()).startsWith(models.folder().toRealPath()));
        assertFalse(Files.exists(part));
        assertEquals(List.of(installed), models.list());
    }

    @Test
    void aWrongChecksumIsRefusedAndTheDownloadDropped() throws Exception {
        TinyPackage.zip(served.resolve("tiny.zip"), "tiny");
        ModelManager models = new ModelManager(dir.resolve("models"));
        String wrong = "0".repeat(64);
        SetupException e = assertThrows(SetupException.class,
                () -> installer(models).download(url("tiny.zip").toString(), wrong, (f, w) -> { }, () -> false));
        assertTrue(e.getMessage().startsWith("tiny.zip: SHA-256 is "), e.getMessage());
        assertTrue(e.getMessage().contains("expected " + wrong), e.getMessage());
        assertFalse(Files.exists(models.downloads().resolve("tiny.zip.part")));
        assertEquals(List.of(), models.list());
    }

    @Test
    void aHuggingFaceRepoIdFetchesTheFolderFileByFileFromItsManifest() throws Exception {
        TinyPackage.copy(Files.createDirectories(served.resolve("hub/omnidesk/tiny/resolve/main")));
        ModelManager models = new ModelManager(dir.resolve("models"));
        List<Double> progress = new CopyOnWriteArrayList<>();
        InstalledPackage installed = installer(models).download("omnidesk/tiny", "", (f, what) -> progress.add(f),
                () -> false);
        assertTrue(installed.randomWeights());
        Path folder = Path.of(installed.path());
        for (String f : List.of("omni-package.json", "tokenizer.json", "graphs/thinker_embed.onnx.data",
                "speakers/Chelsie.json", "speakers/Chelsie.ref_mel.npy")) {
            assertEquals(Sha256.of(TinyPackage.source().resolve(f)), Sha256.of(folder.resolve(f)), f);
        }
        assertTrue(progress.stream().anyMatch(p -> p > 0.5 && p <= 1.0), "byte progress over the whole package");
    }

    @Test
    void sourcesAreReadAsZipUrlsManifestUrlsOrRepoIds() {
        PackageDownloader d = new PackageDownloader(URI.create("https://huggingface.co/"), Duration.ofSeconds(1));
        assertEquals(new PackageDownloader.Source.Folder(URI.create("https://huggingface.co/Qwen/omni-pkg/resolve/v2/"),
                "Qwen/omni-pkg"), d.parse("Qwen/omni-pkg@v2"));
        assertEquals(new PackageDownloader.Source.Zip(URI.create("https://example.org/p.zip")), d.parse(" https://example.org/p.zip "));
        assertEquals(URI.create("https://example.org/pkgs/tiny/"),
                ((PackageDownloader.Source.Folder) d.parse("https://example.org/pkgs/tiny/omni-package.json")).base());
        SetupException bad = assertThrows(SetupException.class, () -> d.parse("ftp://x/y.zip"));
        assertTrue(bad.getMessage().contains("ftp://x/y.zip"));
    }
}
