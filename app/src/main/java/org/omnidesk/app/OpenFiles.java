// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

/**
 * {@code omnidesk FILE...}, what "Open with OmniDesk" runs: the window opens with the files attached.
 * Anything else (a subcommand, an option, a path that is not a file) is the command line.
 */
final class OpenFiles {

    private OpenFiles() {
    }

    static boolean isOpenRequest(String[] args, Set<String> commandNames) {
        return args.length > 0
                && !args[0].startsWith("-")
                && !commandNames.contains(args[0])
                && Arrays.stream(args).allMatch(OpenFiles::isFile);
    }

    private static boolean isFile(String arg) {
        try {
            return Files.isRegularFile(Path.of(arg));
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
