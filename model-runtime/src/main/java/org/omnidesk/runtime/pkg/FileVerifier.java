// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Checks files against their manifest SHA-256s: streamed, with progress, remembered in a {@link Sha256Cache}. */
final class FileVerifier {

    /** One file to check: its package-relative name, resolved path and expected lower-case hex SHA-256. */
    record Check(String name, Path file, String sha256) {}

    private static final int BUFFER = 1 << 20;
    private static final long REPORT_EVERY = 64L << 20;

    private FileVerifier() {
    }

    static void verify(Path packageDir, List<Check> checks, VerifyListener listener) {
        Sha256Cache cache = Sha256Cache.load(packageDir);
        try {
            long total = 0;
            BasicFileAttributes[] attrs = new BasicFileAttributes[checks.size()];
            for (int i = 0; i < checks.size(); i++) {
                attrs[i] = attributes(checks.get(i));
                total += attrs[i].size();
            }
            long done = 0;
            for (int i = 0; i < checks.size(); i++) {
                Check check = checks.get(i);
                Optional<String> known = cache.lookup(check.name(), attrs[i]);
                String actual;
                if (known.isPresent()) {
                    actual = known.get();
                } else {
                    actual = sha256(check, done, total, listener);
                    cache.record(check.name(), attrs[i], actual);
                }
                done += attrs[i].size();
                listener.progress(check.name(), done, total);
                if (!actual.equals(check.sha256())) {
                    throw new ModelPackageException(check.name() + ": SHA-256 is " + actual.substring(0, 16)
                            + "…, the manifest says " + check.sha256().substring(0, 16)
                            + "…: the file is damaged or from another export; " + PackageJson.FIX);
                }
            }
        } finally {
            cache.save();
        }
    }

    private static BasicFileAttributes attributes(Check check) {
        try {
            return Files.readAttributes(check.file(), BasicFileAttributes.class);
        } catch (IOException e) {
            throw new ModelPackageException(check.name() + ": cannot be read (" + e.getMessage() + "); "
                    + PackageJson.FIX, e);
        }
    }

    private static String sha256(Check check, long before, long total, VerifyListener listener) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        byte[] buffer = new byte[BUFFER];
        long read = 0;
        long nextReport = REPORT_EVERY;
        try (InputStream in = Files.newInputStream(check.file())) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                read += n;
                if (read >= nextReport) {
                    listener.progress(check.name(), before + read, total);
                    nextReport += REPORT_EVERY;
                }
            }
        } catch (IOException e) {
            throw new ModelPackageException(check.name() + ": cannot be read (" + e.getMessage() + "); "
                    + PackageJson.FIX, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
