// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.omnidesk.runtime.pkg.ModelPackage;
import org.omnidesk.runtime.pkg.VerifyListener;
import org.omnidesk.runtime.pkg.ZipImport;

/**
 * Installs model packages: a folder is checked where it is; a {@code .zip} is unpacked under
 * {@code models/} ({@link ZipImport}: no zip-slip, sizes checked); a download lands under
 * {@code models/downloads} first. Every package is fully checked before it is remembered:
 * manifest, paths, the SHA-256 of every file, and each graph's signature against the contract
 * (ONNX Runtime opens every graph once), so a wrong package fails here, not mid-chat.
 */
public final class PackageInstaller {

    /** Progress: a fraction in [0, 1] (negative: unknown) and what is being done. */
    @FunctionalInterface
    public interface Progress {
        void update(double fraction, String what);
    }

    private final ModelManager models;
    private final PackageDownloader downloader;
    private final LongSupplier clock;

    public PackageInstaller(ModelManager models, PackageDownloader downloader, LongSupplier clock) {
        this.models = models;
        this.downloader = downloader;
        this.clock = clock;
    }

    /** A package folder, or a .zip of one. */
    public InstalledPackage importPackage(Path folderOrZip, Progress progress) {
        if (Files.isDirectory(folderOrZip)) {
            return install(check(folderOrZip, progress), folderOrZip.toString());
        }
        if (!folderOrZip.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            throw new SetupException(folderOrZip + " is neither a package folder nor a .zip; pick the folder holding "
                    + ModelPackage.MANIFEST + " or its .zip");
        }
        return install(unzip(folderOrZip, progress), folderOrZip.toString());
    }

    /** A URL or Hugging Face repo id; {@code sha256} (may be empty) checks a zip download. */
    public InstalledPackage download(String source, String sha256, Progress progress, BooleanSupplier cancelled) {
        PackageDownloader.Source parsed = downloader.parse(source);
        PackageDownloader.Progress bytes = (file, done, total) -> progress.update(
                total > 0 ? done / (double) total : -1, "Downloading " + file + " (" + PackageDownloader.mb(done)
                        + (total > 0 ? " of " + PackageDownloader.mb(total) : "") + ")");
        if (parsed instanceof PackageDownloader.Source.Zip zip) {
            Path file = downloader.downloadZip(zip.url(), sha256, models.downloads(), bytes, cancelled);
            InstalledPackage installed = install(unzip(file, progress), source);
            deleteQuietly(file);
            return installed;
        }
        PackageDownloader.Source.Folder folder = (PackageDownloader.Source.Folder) parsed;
        Path target = models.downloads().resolve(ModelManager.slug(folder.name()));
        downloader.downloadFolder(folder, target, bytes, cancelled);
        Path finalFolder = models.newFolder(folder.name());
        try {
            check(target, progress);
            Files.move(target, finalFolder);
            return install(ModelPackage.open(finalFolder, VerifyListener.NONE), source);
        } catch (IOException e) {
            throw new SetupException("cannot move the download to " + finalFolder + " (" + e.getMessage() + ")", e);
        }
    }

    /** The built-in tiny package with random weights, if this build carries it. */
    public InstalledPackage selfTest(Optional<Path> bundled, Progress progress) {
        Path dir = bundled.filter(p -> Files.isRegularFile(p.resolve(ModelPackage.MANIFEST))).orElseThrow(
                () -> new SetupException("the self-test model is not in this build (packaging/export/tiny/package);"
                        + " import a package instead"));
        return install(check(dir, progress), "self-test");
    }

    private ModelPackage unzip(Path zip, Progress progress) {
        Path target = models.newFolder(zip.getFileName().toString().replaceFirst("(?i)\\.zip$", ""));
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new SetupException("cannot create " + target.getParent() + " (" + e.getMessage() + ")", e);
        }
        progress.update(-1, "Unpacking " + zip.getFileName());
        ModelPackage pkg = ZipImport.importZip(zip, target, verifying(progress));
        checkGraphs(pkg, progress);
        return pkg;
    }

    private ModelPackage check(Path dir, Progress progress) {
        ModelPackage pkg = ModelPackage.open(dir, verifying(progress));
        checkGraphs(pkg, progress);
        return pkg;
    }

    private static void checkGraphs(ModelPackage pkg, Progress progress) {
        progress.update(-1, "Checking the graphs of " + pkg.manifest().name());
        pkg.checkGraphs();
    }

    private InstalledPackage install(ModelPackage pkg, String source) {
        return models.remember(pkg, source, clock.getAsLong());
    }

    private static VerifyListener verifying(Progress progress) {
        return (file, done, total) -> progress.update(total > 0 ? done / (double) total : -1, "Checking " + file);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover download only costs disk space; the package is installed.
        }
    }
}
