// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks every file-reading front end does before handing a path to a decoder. */
public final class MediaFiles {

    private MediaFiles() {
    }

    /** Fails with the right {@link MediaException.Kind} for a missing path, a folder or an empty file. */
    public static void requireReadableFile(Path path) throws MediaException {
        if (!Files.exists(path)) {
            throw new MediaException(MediaException.Kind.NOT_FOUND, path, null);
        }
        if (Files.isDirectory(path)) {
            throw new MediaException(MediaException.Kind.IS_DIRECTORY, path, null);
        }
        try {
            if (Files.size(path) == 0) {
                throw new MediaException(MediaException.Kind.EMPTY_FILE, path, null);
            }
        } catch (IOException e) {
            throw new MediaException(MediaException.Kind.NOT_FOUND, path, e.getMessage(), e);
        }
        if (!Files.isReadable(path)) {
            throw new MediaException(MediaException.Kind.NOT_FOUND, path, "not readable by this user");
        }
    }
}
