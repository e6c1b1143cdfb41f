// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnidesk.app.cli.Cli;

/** Which argument lists open the window with attachments ("Open with OmniDesk") and which are the CLI. */
class OpenFilesTest {

    @TempDir
    Path dir;

    @Test
    void existingFilesOpenTheWindow() throws Exception {
        Path clip = Files.writeString(dir.resolve("clip.mp4"), "x");
        Path photo = Files.writeString(dir.resolve("photo with spaces.png"), "x");
        assertTrue(OpenFiles.isOpenRequest(new String[] {clip.toString()}, Cli.commandNames()));
        assertTrue(OpenFiles.isOpenRequest(new String[] {clip.toString(), photo.toString()}, Cli.commandNames()));
    }

    @Test
    void commandsOptionsAndNonFilesStayOnTheCommandLine() throws Exception {
        Path clip = Files.writeString(dir.resolve("clip.mp4"), "x");
        Set<String> commands = Cli.commandNames();
        assertTrue(commands.containsAll(Set.of("doctor", "features", "bench")), commands::toString);
        assertFalse(OpenFiles.isOpenRequest(new String[] {"doctor"}, commands));
        assertFalse(OpenFiles.isOpenRequest(new String[] {"--help"}, commands));
        assertFalse(OpenFiles.isOpenRequest(new String[] {dir.toString()}, commands), "a folder is not a file");
        assertFalse(OpenFiles.isOpenRequest(new String[] {dir.resolve("missing.mp4").toString()}, commands));
        assertFalse(OpenFiles.isOpenRequest(new String[] {clip.toString(), "--json"}, commands));
    }

    @Test
    void aFileNamedLikeACommandDoesNotShadowIt() throws Exception {
        Path doctor = Files.writeString(dir.resolve("doctor"), "x");
        Set<String> commands = Set.of(doctor.toString());
        assertFalse(OpenFiles.isOpenRequest(new String[] {doctor.toString()}, commands));
    }
}
