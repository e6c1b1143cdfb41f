// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.packaging.installer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Stage 4: one native installer (.deb, .rpm, .msi, .dmg) from the app image. */
final class NativeInstaller {

    /** Fixed forever: an .msi with the same upgrade code replaces the installed version. */
    static final String WINDOWS_UPGRADE_UUID = "1c905692-dc87-47b7-b7b6-02aa0e6728fc";

    private NativeInstaller() {
    }

    static Path build(BuildRequest request, Variant variant, Path image, String type, PrintStream log)
            throws IOException {
        Path dest = FileTrees.recreate(request.out().resolve("package-" + type));
        List<String> args = new ArrayList<>(AppImage.common(request));
        args.addAll(List.of(
                "--type", type,
                "--app-image", image.toString(),
                "--license-file", request.license().toString(),
                "--dest", dest.toString()));
        args.addAll(switch (request.platform()) {
            case LINUX_X64 -> LinuxPackaging.jpackageArgs(request, type);
            case WINDOWS_X64 -> windows(request.out());
            case MACOS_ARM64 -> fileAssociations(request.out());
        });
        Tools.run("jpackage", args, log);

        List<Path> made = FileTrees.list(dest, "." + type);
        if (made.size() != 1) {
            throw new BuildException("jpackage left " + made.size() + " ." + type + " files in " + dest);
        }
        String name = made.get(0).getFileName().toString();
        Path installer = request.out().resolve(variant.fileSuffix().isEmpty() ? name
                : name.replaceFirst("^([A-Za-z]+)", "$1" + variant.fileSuffix()));
        Files.move(made.get(0), installer, StandardCopyOption.REPLACE_EXISTING);
        return installer;
    }

    /** Per-machine install with a folder choice, Start menu group, desktop shortcut and file associations. */
    private static List<String> windows(Path out) throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "--win-menu", "--win-menu-group", Platform.APP_NAME, "--win-shortcut", "--win-dir-chooser",
                "--win-upgrade-uuid", WINDOWS_UPGRADE_UUID));
        args.addAll(fileAssociations(out));
        return args;
    }

    private static List<String> fileAssociations(Path out) throws IOException {
        List<String> args = new ArrayList<>();
        for (Path file : FileTypes.MEDIA.writeAssociations(out.resolve("associations"))) {
            args.addAll(List.of("--file-associations", file.toString()));
        }
        return args;
    }
}
