// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.packaging.installer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds OmniDesk's installers for the OS it runs on: stage the app folder with this platform's
 * natives only, link the Java runtime, make the app image, then each installer type, and report the
 * sizes. Run by {@code mvn -Pinstaller package} (packaging/installer/build.sh, build.ps1).
 */
public final class InstallerBuild {

    private InstallerBuild() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream log = System.out;
        BuildRequest request = BuildRequest.parse(Platform.current(), args);
        log.println("OmniDesk " + request.packageVersion() + " installers for " + request.platform() + ": "
                + request.types() + " into " + request.out());

        log.println("[1/4] app folder");
        AppInput.Staged staged = AppInput.stage(request, log);
        log.println("  ONNX Runtime build: " + staged.variant());
        log.println("[2/4] Java runtime");
        Path runtime = RuntimeImage.link(request.out(), log);
        log.println("[3/4] app image");
        Path image = AppImage.build(request, staged, runtime, log);
        log.println("[4/4] installers");
        List<Path> installers = new ArrayList<>();
        for (String type : request.types()) {
            if (!type.equals(BuildRequest.APP_IMAGE)) {
                installers.add(NativeInstaller.build(request, staged.variant(), image, type, log));
            }
        }

        SizeReport sizes = SizeReport.of(request.platform(), image, installers);
        Files.writeString(request.out().resolve("sizes.md"), sizes.table());
        log.println();
        log.print(sizes.table());
        log.println();
        log.println("App image: " + image);
        installers.forEach(i -> log.println("Installer: " + i));
    }
}
