// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.pkg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The path rule of MODEL_PACKAGE.md: a path in a package is relative, normalised ('/'-separated, no
 * '.', '..' or empty segments) and resolves, symbolic links followed, to a file inside the package folder.
 * The same name check guards zip entries.
 */
final class PackagePaths {

    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private PackagePaths() {
    }

    /** Why {@code name} is not a safe relative path, or null when it is. */
    static String unsafeReason(String name) {
        if (name.isEmpty()) {
            return "is empty";
        }
        if (name.startsWith("/") || DRIVE.matcher(name).matches()) {
            return "is an absolute path";
        }
        if (name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
            return "contains a backslash or NUL";
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals("..")) {
                return "points outside the package ('..')";
            }
            if (segment.isEmpty() || segment.equals(".")) {
                return "is not normalised (empty or '.' segment)";
            }
        }
        return null;
    }

    /**
     * Resolves {@code name}, relative to {@code base} (a folder inside {@code realRoot}), to an existing
     * regular file inside {@code realRoot}; {@code realRoot} must already be a real path. {@code declaredIn}
     * (the JSON file naming it) and {@code what} (the role of the file) go into messages.
     */
    static Path resolveFile(Path realRoot, Path base, String name, String declaredIn, String what) {
        String reason = unsafeReason(name);
        if (reason != null) {
            throw new ModelPackageException(declaredIn + ": " + what + " '" + name + "' " + reason
                    + "; package paths must be relative and stay inside the package folder; " + PackageJson.FIX);
        }
        Path file = base.resolve(name);
        String shown = realRoot.relativize(file.normalize()).toString();
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ModelPackageException(shown + ": file not found (" + what + "); " + PackageJson.FIX);
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            throw new ModelPackageException(shown + ": cannot be resolved (" + e.getMessage() + "), a broken"
                    + " symbolic link?; " + PackageJson.FIX, e);
        }
        if (!real.startsWith(realRoot)) {
            throw new ModelPackageException(shown + ": is a symbolic link leading outside the package (to " + real
                    + "); copy the file into the package folder instead");
        }
        if (!Files.isRegularFile(real)) {
            throw new ModelPackageException(shown + ": is not a regular file; " + PackageJson.FIX);
        }
        return real;
    }
}
