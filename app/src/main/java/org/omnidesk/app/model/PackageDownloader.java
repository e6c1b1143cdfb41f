// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.omnidesk.app.Sha256;

/**
 * Fetches model packages over HTTP(S). A {@code .zip} URL is one file; a Hugging Face repo id
 * ({@code owner/name[@revision]}) or a URL ending in {@code omni-package.json} is a package
 * folder fetched file by file from its manifest. Every file downloads to {@code NAME.part}
 * and resumes with a {@code Range} request after an interruption; each file with a known
 * SHA-256 (from the manifest, the user, or a {@code .sha256} file beside a zip) is checked
 * before it takes its final name.
 */
public final class PackageDownloader {

    /** Progress in bytes over the whole download ({@code total} -1 while unknown). */
    @FunctionalInterface
    public interface Progress {
        void update(String file, long done, long total);
    }

    private static final Pattern REPO_ID = Pattern.compile("([A-Za-z0-9][\\w.-]*/[\\w.-]+)(?:@([\\w./-]+))?");
    private static final String MANIFEST = "omni-package.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI hub;
    private final Duration stall;

    /**
     * {@code hub} is the Hugging Face endpoint (https://huggingface.co, or $HF_ENDPOINT for a
     * mirror); a transfer that delivers nothing for {@code stall} counts as interrupted.
     */
    public PackageDownloader(URI hub, Duration stall) {
        this.hub = hub;
        this.stall = stall;
    }

    public static PackageDownloader standard() {
        String endpoint = System.getenv().getOrDefault("HF_ENDPOINT", "https://huggingface.co");
        return new PackageDownloader(URI.create(endpoint.replaceAll("/+$", "") + "/"), Duration.ofSeconds(60));
    }

    /** What a source string names. */
    public sealed interface Source {
        record Zip(URI url) implements Source {}

        /** A package folder whose files sit under {@code base} (which ends with '/'). */
        record Folder(URI base, String name) implements Source {}
    }

    public Source parse(String source) {
        String s = source.strip();
        Matcher repo = REPO_ID.matcher(s);
        if (repo.matches() && !s.contains("://")) {
            String revision = repo.group(2) == null ? "main" : repo.group(2);
            return new Source.Folder(hub.resolve(repo.group(1) + "/resolve/" + revision + "/"), repo.group(1));
        }
        URI url;
        try {
            url = URI.create(s);
        } catch (IllegalArgumentException e) {
            throw new SetupException("'" + s + "' is neither a URL nor a Hugging Face repo id (owner/name)");
        }
        if (url.getScheme() == null || !List.of("http", "https").contains(url.getScheme().toLowerCase(Locale.ROOT))) {
            throw new SetupException("'" + s + "' is neither an http(s) URL nor a Hugging Face repo id (owner/name)");
        }
        String path = url.getPath() == null ? "" : url.getPath();
        if (path.endsWith("/" + MANIFEST)) {
            URI base = url.resolve(".");
            return new Source.Folder(base, Path.of(path).getParent().getFileName() + "");
        }
        return new Source.Zip(url);
    }

    /**
     * Downloads a zip into {@code folder}; {@code sha256} (may be empty) or else a {@code .sha256}
     * file next to it on the server is checked. Returns the finished file.
     */
    public Path downloadZip(URI url, String sha256, Path folder, Progress progress, BooleanSupplier cancelled) {
        String name = Path.of(url.getPath()).getFileName().toString();
        String expected = sha256 == null || sha256.isBlank() ? sidecarSha256(url) : sha256.strip().toLowerCase(Locale.ROOT);
        Path target = folder.resolve(name.endsWith(".zip") ? name : name + ".zip");
        if (Files.exists(target) && !expected.isEmpty() && expected.equals(sha256(target))) {
            return target;
        }
        fetch(url, target, expected, name, 0, -1, progress, cancelled);
        return target;
    }

    /** Downloads a package folder file by file from its manifest into {@code folder} (created). */
    public Path downloadFolder(Source.Folder source, Path folder, Progress progress, BooleanSupplier cancelled) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new SetupException("cannot create " + folder + " (" + e.getMessage() + ")", e);
        }
        Path manifest = folder.resolve(MANIFEST);
        fetch(source.base().resolve(MANIFEST), manifest, "", MANIFEST, 0, -1, progress, cancelled);
        Map<String, String> files = listedFiles(readJson(manifest));
        long total = 0;
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String file : files.keySet()) {
            long size = contentLength(source.base().resolve(encode(file)));
            sizes.put(file, size);
            total = size < 0 || total < 0 ? -1 : total + size;
        }
        long done = 0;
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path target = folder.resolve(f.getKey()).normalize();
            if (!target.startsWith(folder)) {
                throw new SetupException(MANIFEST + " lists '" + f.getKey() + "' outside the package; this source is not safe");
            }
            fetch(source.base().resolve(encode(f.getKey())), target, f.getValue(), f.getKey(), done, total, progress, cancelled);
            if (f.getKey().startsWith("speakers/") && f.getKey().endsWith(".json")) {
                fetchSpeakerMel(source, folder, target, progress, cancelled);
            }
            done += Math.max(0, sizes.get(f.getKey()));
        }
        return folder;
    }

    /** A speaker JSON names its reference mel relative to itself. */
    private void fetchSpeakerMel(Source.Folder source, Path folder, Path speakerJson, Progress progress,
                                 BooleanSupplier cancelled) {
        JsonNode ref = readJson(speakerJson).get("ref_mel_file");
        if (ref == null || !ref.isTextual()) {
            return;
        }
        String rel = folder.relativize(speakerJson.getParent().resolve(ref.asText()).normalize()).toString().replace('\\', '/');
        Path target = folder.resolve(rel).normalize();
        if (!target.startsWith(folder) || rel.startsWith("..")) {
            throw new SetupException(speakerJson.getFileName() + " names '" + ref.asText() + "' outside the package");
        }
        fetch(source.base().resolve(encode(rel)), target, "", rel, -1, -1, progress, cancelled);
    }

    /** Every {"file": …, "sha256": …} the manifest lists (graphs, their data files, tokenizer, speakers). */
    static Map<String, String> listedFiles(JsonNode manifest) {
        Map<String, String> files = new LinkedHashMap<>();
        List<JsonNode> stack = new ArrayList<>(List.of(manifest));
        while (!stack.isEmpty()) {
            JsonNode node = stack.remove(0);
            if (node.isObject() && node.path("file").isTextual()) {
                files.put(node.get("file").asText(), node.path("sha256").asText(""));
            }
            node.elements().forEachRemaining(stack::add);
        }
        return files;
    }

    /**
     * Fetches {@code url} into {@code target} through {@code target.part}, resuming from what the
     * part file holds; checks {@code sha256} when not empty. {@code before}/{@code total} place
     * this file's bytes in the whole download's progress.
     */
    void fetch(URI url, Path target, String sha256, String shown, long before, long total, Progress progress,
               BooleanSupplier cancelled) {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        HttpURLConnection http = null;
        try {
            Files.createDirectories(target.getParent());
            long have = Files.exists(part) ? Files.size(part) : 0;
            http = open(url, "GET");
            if (have > 0) {
                http.setRequestProperty("Range", "bytes=" + have + "-");
            }
            int status = http.getResponseCode();
            if (status != 416 || have == 0) {
                if (status != 200 && status != 206) {
                    throw new SetupException(url + " answered HTTP " + status + "; check the address"
                            + (status == 401 || status == 403 ? " (and that the repo is public)" : ""));
                }
                boolean append = status == 206;
                long length = http.getContentLengthLong();
                long fileTotal = length < 0 ? -1 : length + (append ? have : 0);
                copy(http.getInputStream(), part, append, append ? have : 0, shown, before, total < 0 ? fileTotal : total,
                        progress, cancelled);
                if (fileTotal >= 0 && Files.size(part) < fileTotal) {
                    throw new SetupException("download of " + shown + " stopped at " + mb(Files.size(part)) + " of "
                            + mb(fileTotal) + "; press Download again to resume");
                }
            }
            // 416 with a part file: the part already holds everything the server has.
            if (!sha256.isEmpty()) {
                String actual = sha256(part);
                if (!actual.equalsIgnoreCase(sha256)) {
                    Files.delete(part);
                    throw new SetupException(shown + ": SHA-256 is " + actual + ", expected " + sha256
                            + "; the download is corrupt or the checksum is wrong, download again");
                }
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new SetupException("download of " + shown + " was interrupted (" + e.getMessage()
                    + "); press Download again to resume", e);
        } finally {
            if (http != null) {
                http.disconnect();
            }
        }
    }

    /** A request with connect and read timeouts (a stalled transfer fails instead of hanging). */
    private HttpURLConnection open(URI url, String method) throws IOException {
        HttpURLConnection http = (HttpURLConnection) url.toURL().openConnection();
        http.setRequestMethod(method);
        http.setInstanceFollowRedirects(true);
        http.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, stall.toMillis()));
        http.setReadTimeout((int) Math.min(Integer.MAX_VALUE, stall.toMillis()));
        return http;
    }

    private static void copy(InputStream body, Path part, boolean append, long start, String shown, long before,
                             long total, Progress progress, BooleanSupplier cancelled) throws IOException {
        try (InputStream in = body;
             OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE,
                     append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buffer = new byte[1 << 16];
            long done = start;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("download of " + shown + " cancelled; Download resumes it");
                }
                out.write(buffer, 0, n);
                done += n;
                progress.update(shown, Math.max(before, 0) + done, total);
            }
        }
    }

    private long contentLength(URI url) {
        try {
            HttpURLConnection head = open(url, "HEAD");
            try {
                return head.getResponseCode() == 200 ? head.getContentLengthLong() : -1;
            } finally {
                head.disconnect();
            }
        } catch (IOException e) {
            return -1;
        }
    }

    /** The hex digest a {@code NAME.sha256} file beside the zip holds ("" when there is none). */
    private String sidecarSha256(URI zip) {
        try {
            HttpURLConnection get = open(URI.create(zip + ".sha256"), "GET");
            try {
                if (get.getResponseCode() != 200) {
                    return "";
                }
                Matcher hex = Pattern.compile("\\b[0-9a-fA-F]{64}\\b").matcher(
                        new String(get.getInputStream().readNBytes(4096), StandardCharsets.US_ASCII));
                return hex.find() ? hex.group().toLowerCase(Locale.ROOT) : "";
            } finally {
                get.disconnect();
            }
        } catch (IOException e) {
            return "";
        }
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new SetupException(file.getFileName() + " is not valid JSON (" + e.getMessage() + "); the source is not a model package", e);
        }
    }

    static String sha256(Path file) {
        try {
            return Sha256.of(file);
        } catch (IOException e) {
            throw new SetupException("cannot read " + file + " (" + e.getMessage() + ")", e);
        }
    }

    private static String encode(String relative) {
        return relative.replace(" ", "%20");
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
