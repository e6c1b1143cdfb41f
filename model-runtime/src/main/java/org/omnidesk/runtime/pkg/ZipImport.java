// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Imports a package that arrives as a {@code .zip} whose root, or whose single top-level folder, holds
 * {@value ModelPackage#MANIFEST}. Safe by construction: every entry name must pass the package path
 * rule (no absolute paths, no '..', no zip-slip), the sizes the archive declares must fit the free
 * disk, and no entry may hold more bytes than it declares. It unpacks into a hidden folder beside the
 * target, opens (fully verifies) the package there, and only then renames it to the target; on any
 * failure the hidden folder is deleted and nothing else was written.
 */
public final class ZipImport {

    /** Free bytes kept beyond the archive's declared content. */
    private static final long DISK_MARGIN = 64L << 20;

    private final ToLongFunction<Path> usableSpace;

    private ZipImport(ToLongFunction<Path> usableSpace) {
        this.usableSpace = usableSpace;
    }

    /** Unpacks {@code zip} into the new folder {@code target} (must not exist) and opens the package there. */
    public static ModelPackage importZip(Path zip, Path target, VerifyListener listener) {
        return new ZipImport(ZipImport::usableBytes).run(zip, target, listener);
    }

    /** For tests: the same import with another answer to "how many bytes are free at this folder". */
    static ModelPackage importZip(Path zip, Path target, VerifyListener listener, ToLongFunction<Path> usableSpace) {
        return new ZipImport(usableSpace).run(zip, target, listener);
    }

    private ModelPackage run(Path zip, Path target, VerifyListener listener) {
        Path parent = target.toAbsolutePath().normalize().getParent();
        if (Files.exists(target)) {
            throw new ModelPackageException(target + ": already exists; import into a new folder name");
        }
        if (parent == null || !Files.isDirectory(parent)) {
            throw new ModelPackageException(target + ": its parent folder does not exist; create it first");
        }
        String zipName = zip.getFileName().toString();
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            List<ZipEntry> entries = checkedEntries(archive, zipName);
            String prefix = packageRoot(entries, zipName);
            long declared = entries.stream().mapToLong(ZipEntry::getSize).sum();
            long free = usableSpace.applyAsLong(parent);
            if (declared + DISK_MARGIN > free) {
                throw new ModelPackageException(zipName + ": unpacking needs " + mib(declared) + " MiB, only "
                        + mib(free) + " MiB are free at " + parent + "; free disk space or import elsewhere");
            }
            Path staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".importing-");
            try {
                for (ZipEntry entry : entries) {
                    extract(archive, entry, prefix, staging, zipName);
                }
                ModelPackage.open(staging, listener);
                moveInto(staging, target);
            } finally {
                deleteTree(staging);
            }
        } catch (IOException e) {
            throw new ModelPackageException(zipName + ": cannot be read as a zip archive (" + e.getMessage()
                    + "); download it again", e);
        }
        return ModelPackage.open(target, VerifyListener.NONE);
    }

    /** All entries, refused as a whole if any name is unsafe, duplicated, or of unknown size. */
    private static List<ZipEntry> checkedEntries(ZipFile archive, String zipName) {
        List<ZipEntry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ZipEntry entry : archive.stream().toList()) {
            String name = entry.isDirectory() ? stripSlash(entry.getName()) : entry.getName();
            String reason = PackagePaths.unsafeReason(name);
            if (reason != null) {
                throw new ModelPackageException(zipName + ": entry '" + entry.getName() + "' " + reason
                        + "; refusing the whole archive (nothing was extracted)");
            }
            if (!names.add(name)) {
                throw new ModelPackageException(zipName + ": entry '" + name + "' appears twice; refusing the archive");
            }
            if (entry.getSize() < 0) {
                throw new ModelPackageException(zipName + ": entry '" + name + "' does not declare its size;"
                        + " re-create the zip with a standard tool");
            }
            entries.add(entry);
        }
        return entries;
    }

    /** "" when the manifest is at the root, "folder/" when the single top-level folder holds it. */
    private static String packageRoot(List<ZipEntry> entries, String zipName) {
        Set<String> tops = new HashSet<>();
        boolean atRoot = false;
        for (ZipEntry e : entries) {
            String name = e.isDirectory() ? stripSlash(e.getName()) : e.getName();
            atRoot |= name.equals(ModelPackage.MANIFEST);
            int slash = name.indexOf('/');
            tops.add(slash < 0 && !e.isDirectory() ? "" : slash < 0 ? name : name.substring(0, slash));
        }
        if (atRoot) {
            return "";
        }
        if (tops.size() == 1 && !tops.contains("")) {
            String top = tops.iterator().next() + "/";
            if (entries.stream().anyMatch(e -> e.getName().equals(top + ModelPackage.MANIFEST))) {
                return top;
            }
        }
        throw new ModelPackageException(zipName + ": no " + ModelPackage.MANIFEST + " at its root or in its single"
                + " top-level folder; this is not an OmniDesk model package");
    }

    private static void extract(ZipFile archive, ZipEntry entry, String prefix, Path staging, String zipName)
            throws IOException {
        String name = entry.isDirectory() ? stripSlash(entry.getName()) : entry.getName();
        if (!name.startsWith(prefix)) {
            return; // the top-level folder entry itself
        }
        Path dest = staging.resolve(name.substring(prefix.length())).normalize();
        if (!dest.startsWith(staging)) {
            throw new ModelPackageException(zipName + ": entry '" + name + "' leaves the target folder; refusing");
        }
        if (entry.isDirectory()) {
            Files.createDirectories(dest);
            return;
        }
        Files.createDirectories(dest.getParent());
        long declared = entry.getSize();
        byte[] buffer = new byte[1 << 16];
        long written = 0;
        try (InputStream in = archive.getInputStream(entry);
             OutputStream out = Files.newOutputStream(dest)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                written += n;
                if (written > declared) {
                    throw new ModelPackageException(zipName + ": entry '" + name + "' holds more than the "
                            + declared + " bytes it declares; refusing a damaged or malicious archive");
                }
                out.write(buffer, 0, n);
            }
        }
        if (written != declared) {
            throw new ModelPackageException(zipName + ": entry '" + name + "' holds " + written + " bytes but declares "
                    + declared + "; the archive is damaged: download it again");
        }
    }

    private static void moveInto(Path staging, Path target) throws IOException {
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staging, target);
        } catch (FileAlreadyExistsException e) {
            throw new ModelPackageException(target + ": appeared while importing; import into a new folder name", e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover hidden staging folder is harmless and named for what it is
        }
    }

    private static String stripSlash(String name) {
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }

    private static long usableBytes(Path dir) {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            throw new ModelPackageException(dir + ": cannot tell the free disk space (" + e.getMessage() + ")", e);
        }
    }

    private static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }
}
