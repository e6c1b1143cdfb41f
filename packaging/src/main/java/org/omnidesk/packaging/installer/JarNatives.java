// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.packaging.installer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Rewrites a jar for one platform: other platforms' natives and debug symbols out, its own kept or extracted. */
final class JarNatives {

    /** What a rewrite did: the files extracted, and how many native entries (and bytes) were left out. */
    record Result(List<Path> extracted, int droppedEntries, long droppedBytes) {
        Result {
            extracted = List.copyOf(extracted);
        }
    }

    private JarNatives() {
    }

    /**
     * Copies {@code source} to {@code target} entry by entry (manifest and module-info unchanged).
     * With {@code rule.extract()}, this platform's natives are written flat into {@code extractDir}
     * and left out of the jar.
     */
    static Result rewrite(Path source, Path target, NativeRule rule, Path extractDir) throws IOException {
        List<Path> extracted = new ArrayList<>();
        int dropped = 0;
        long droppedBytes = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(source));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                NativeRule.Fate fate = entry.isDirectory() ? NativeRule.Fate.KEEP : rule.fate(entry.getName());
                if (fate == NativeRule.Fate.KEEP || fate == NativeRule.Fate.OWN_NATIVE && !rule.extract()) {
                    ZipEntry copy = new ZipEntry(entry.getName());
                    copy.setTime(entry.getTime());
                    out.putNextEntry(copy);
                    in.transferTo(out);
                    out.closeEntry();
                } else if (fate == NativeRule.Fate.OWN_NATIVE) {
                    extracted.add(extract(in, entry, extractDir));
                } else {
                    dropped++;
                    droppedBytes += in.transferTo(OutputStream.nullOutputStream());
                }
            }
        }
        return new Result(extracted, dropped, droppedBytes);
    }

    private static Path extract(InputStream in, ZipEntry entry, Path dir) throws IOException {
        String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
        Path file = dir.resolve(name);
        Files.createDirectories(dir);
        try (OutputStream out = Files.newOutputStream(Files.createFile(file))) {
            in.transferTo(out);
        } catch (FileAlreadyExistsException e) {
            throw new BuildException("Two native libraries named " + name + " would land in " + dir
                    + "; keep that jar's natives inside it instead (NativeRule.extract=false)", e);
        }
        return file;
    }
}
