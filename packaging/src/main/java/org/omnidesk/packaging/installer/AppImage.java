// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.packaging.installer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Stage 3: the app image (launcher, runtime, app folder) every installer type is made from. */
final class AppImage {

    static final String MAIN_CLASS = "org.omnidesk.app.Main";
    static final String DESCRIPTION =
            "Local Qwen2.5-Omni assistant: ask about videos, images and sound, by voice or text";
    /** DirectML.dll must sit next to the executable: Windows looks for a DLL's dependencies there first. */
    static final String DIRECTML_DLL = "DirectML.dll";

    private AppImage() {
    }

    static Path build(BuildRequest request, AppInput.Staged staged, Path runtime, PrintStream log)
            throws IOException {
        Platform platform = request.platform();
        Path dest = FileTrees.recreate(request.out().resolve("image"));
        List<String> args = new ArrayList<>(common(request));
        args.addAll(List.of(
                "--type", "app-image",
                "--input", staged.input().toString(),
                "--main-jar", request.mainJar(),
                "--main-class", MAIN_CLASS,
                "--runtime-image", runtime.toString(),
                "--dest", dest.toString()));
        for (String option : LauncherOptions.of(platform, staged.modelBundled())) {
            args.addAll(List.of("--java-options", option));
        }
        if (platform == Platform.WINDOWS_X64) {
            // The main launcher is a GUI program without a console: `omnidesk-cli.exe doctor` prints. Not
            // "omnidesk": Windows file names ignore case, so it would overwrite OmniDesk.exe and its .cfg.
            args.addAll(List.of("--add-launcher", "omnidesk-cli=" + consoleLauncher(request.out())));
        }
        Tools.run("jpackage", args, log);

        Path image = platform.imageRoot(dest);
        FileTrees.copy(staged.javafx(), platform.appDir(image).resolve(AppInput.JAVAFX));
        if (staged.variant() == Variant.DIRECTML) {
            Path dll = platform.appDir(image).resolve(AppInput.ONNX_RUNTIME_NATIVES).resolve(DIRECTML_DLL);
            if (!Files.isRegularFile(dll)) {
                throw new BuildException("The DirectML build of ONNX Runtime carries no " + DIRECTML_DLL
                        + "; rebuild it with packaging/installer/build-onnxruntime-directml.ps1");
            }
            Files.move(dll, image.resolve(DIRECTML_DLL));
        }
        return image;
    }

    /** Options the app image and the installers share: name, version, vendor texts and the icon. */
    static List<String> common(BuildRequest request) {
        List<String> args = new ArrayList<>(List.of(
                "--name", Platform.APP_NAME,
                "--app-version", request.packageVersion(),
                "--vendor", "OmniDesk",
                "--description", DESCRIPTION,
                "--copyright", "GPL-3.0-or-later",
                "--icon", request.config().resolve("icons").resolve(request.platform().iconFile()).toString()));
        if (request.platform() == Platform.MACOS_ARM64) {
            args.addAll(List.of("--mac-package-identifier", "org.omnidesk.app"));
        }
        return args;
    }

    private static Path consoleLauncher(Path out) throws IOException {
        Path file = out.resolve("omnidesk-console.properties");
        Files.writeString(file, "win-console=true\nwin-shortcut=false\nwin-menu=false\n");
        return file;
    }
}
