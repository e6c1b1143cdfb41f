// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.pkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipImportTest {

    @TempDir
    Path tmp;
    Path source;
    Path imports;  // the folder imports go into; nothing may appear beside the target
    Path target;

    @BeforeEach
    void setUp() throws IOException {
        source = TestPackage.build(tmp.resolve("source"));
        imports = Files.createDirectories(tmp.resolve("data/models"));
        target = imports.resolve("omni");
    }

    /** The package's folders and files under {@code prefix} (as zip tools write them), then extra (name, content) entries. */
    private Path zip(String prefix, String... extra) throws IOException {
        Path zip = tmp.resolve("package.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
             Stream<Path> files = Files.walk(source)) {
            for (Path f : files.sorted().toList()) {
                String name = prefix + source.relativize(f).toString().replace('\\', '/');
                if (Files.isDirectory(f)) {
                    if (!name.isEmpty()) {
                        out.putNextEntry(new ZipEntry(name.endsWith("/") ? name : name + "/"));
                        out.closeEntry();
                    }
                    continue;
                }
                out.putNextEntry(new ZipEntry(name));
                Files.copy(f, out);
                out.closeEntry();
            }
            for (int i = 0; i < extra.length; i += 2) {
                out.putNextEntry(new ZipEntry(extra[i]));
                out.write(extra[i + 1].getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }

    private Set<String> everythingUnder(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.map(p -> tmp.relativize(p).toString()).collect(Collectors.toSet());
        }
    }

    private void assertRefusedLeavingNothing(Path zip, String... parts) throws IOException {
        Set<String> before = everythingUnder(tmp);
        ModelPackageException e = assertThrows(ModelPackageException.class,
                () -> ZipImport.importZip(zip, target, VerifyListener.NONE));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing in: " + e.getMessage());
        }
        assertEquals(before, everythingUnder(tmp), "the import left files behind or outside the target");
        assertFalse(Files.exists(target));
    }

    @Test
    void aZipWithOneTopFolderImportsAndOpens() throws IOException {
        ModelPackage pkg = ZipImport.importZip(zip("omni-3b/"), target, VerifyListener.NONE);
        assertEquals(target.toRealPath(), pkg.dir());
        assertTrue(Files.isRegularFile(target.resolve("graphs/thinker_decoder.onnx")));
        pkg.checkGraphs();
        assertEquals(List.of(target), Files.list(imports).toList(), "no staging folder left");
    }

    @Test
    void aZipWithTheManifestAtItsRootImports() throws IOException {
        ZipImport.importZip(zip(""), target, VerifyListener.NONE);
        assertTrue(Files.isRegularFile(target.resolve(ModelPackage.MANIFEST)));
    }

    @Test
    void aDotDotEntryRefusesTheWholeArchive() throws IOException {
        assertRefusedLeavingNothing(zip("", "../evil.txt", "owned", "graphs/../../evil2.txt", "owned"),
                "'../evil.txt'", "outside the package", "nothing was extracted");
        assertFalse(Files.exists(imports.resolve("evil.txt")));
        assertFalse(Files.exists(tmp.resolve("data/evil.txt")));
    }

    @Test
    void anAbsoluteEntryIsRefused() throws IOException {
        Path abs = tmp.resolve("abs-evil.txt").toAbsolutePath();
        assertRefusedLeavingNothing(zip("", abs.toString(), "owned"), "absolute path");
        assertFalse(Files.exists(abs));
    }

    @Test
    void anEntryHoldingMoreThanItDeclaresIsRefused() throws IOException {
        Path zip = zip("", "notes.txt", "x".repeat(10_000));
        patchDeclaredSize(zip, "notes.txt", 100);
        assertRefusedLeavingNothing(zip, "'notes.txt'", "more than the 100 bytes it declares");
    }

    @Test
    void anArchiveLargerThanTheFreeDiskIsRefusedBeforeWriting() throws IOException {
        Path zip = zip("");
        Set<String> before = everythingUnder(tmp);
        ModelPackageException e = assertThrows(ModelPackageException.class,
                () -> ZipImport.importZip(zip, target, VerifyListener.NONE, dir -> 1L << 20));
        assertTrue(e.getMessage().contains("only 1 MiB are free"), e.getMessage());
        assertEquals(before, everythingUnder(tmp));
    }

    @Test
    void aZipWithoutManifestIsRefused() throws IOException {
        Files.delete(source.resolve(ModelPackage.MANIFEST));
        assertRefusedLeavingNothing(zip("a/"), "no omni-package.json");
    }

    @Test
    void aDamagedPackageInsideTheZipIsRefusedAndCleanedUp() throws IOException {
        Files.write(source.resolve("graphs/bigvgan.onnx"), new byte[] {1, 2, 3});
        assertRefusedLeavingNothing(zip("pkg/"), "graphs/bigvgan.onnx", "SHA-256");
    }

    /** Rewrites the uncompressed size an entry's central directory record declares (offset 24, 4 bytes LE). */
    private static void patchDeclaredSize(Path zip, String name, int size) throws IOException {
        byte[] b = Files.readAllBytes(zip);
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 46 < b.length; i++) {
            if (b[i] == 0x50 && b[i + 1] == 0x4b && b[i + 2] == 0x01 && b[i + 3] == 0x02) {
                int nameLength = (b[i + 28] & 0xff) | (b[i + 29] & 0xff) << 8;
                if (nameLength == wanted.length && new String(b, i + 46, nameLength, StandardCharsets.UTF_8).equals(name)) {
                    for (int k = 0; k < 4; k++) {
                        b[i + 24 + k] = (byte) (size >>> (8 * k));
                    }
                    try (OutputStream out = Files.newOutputStream(zip)) {
                        out.write(b);
                    }
                    return;
                }
            }
        }
        throw new IOException("no central directory record for " + name);
    }
}
