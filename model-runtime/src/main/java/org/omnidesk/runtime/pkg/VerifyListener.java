// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.pkg;

/**
 * Progress of checking a package's SHA-256s, in bytes over the whole package. Files whose hash is
 * already known from the cache count as done at once. Called on the verifying thread.
 */
@FunctionalInterface
public interface VerifyListener {
    VerifyListener NONE = (file, done, total) -> { };

    /** {@code file} is the package-relative name being checked; done and total are bytes. */
    void progress(String file, long doneBytes, long totalBytes);
}
