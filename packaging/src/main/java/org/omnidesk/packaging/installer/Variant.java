// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.packaging.installer;

import java.util.List;

/**
 * Which ONNX Runtime build the installer carries, read off the jar the Maven profile put on the class
 * path: {@code onnxruntime} (CPU, default), {@code onnxruntime_gpu} (-Pgpu: CUDA 12 + cuDNN 9 from the
 * user's system, CPU fallback when they are missing) or {@code onnxruntime_directml} (-Pdirectml,
 * Windows, built from source by build-onnxruntime-directml.ps1).
 */
enum Variant {
    CPU(""), CUDA("-cuda"), DIRECTML("-directml");

    private final String fileSuffix;

    Variant(String fileSuffix) {
        this.fileSuffix = fileSuffix;
    }

    /** Appended to the installer's file name so the variants can sit side by side in a download folder. */
    String fileSuffix() {
        return fileSuffix;
    }

    static Variant of(List<String> classpathJars, Platform platform) {
        List<Variant> found = classpathJars.stream()
                .filter(name -> NativeRule.ONNX_RUNTIME_JAR.matcher(name).matches())
                .map(Variant::ofOnnxRuntimeJar)
                .toList();
        if (found.size() != 1) {
            throw new BuildException("Expected one ONNX Runtime jar on the app's class path, found " + found.size()
                    + "; rebuild the app (mvn install) with at most one of -Pgpu, -Pdirectml");
        }
        Variant variant = found.get(0);
        if (variant == DIRECTML && platform != Platform.WINDOWS_X64) {
            throw new BuildException("The DirectML build of ONNX Runtime is Windows-only; drop -Pdirectml on "
                    + platform);
        }
        if (variant == CUDA && platform == Platform.MACOS_ARM64) {
            throw new BuildException("There is no CUDA on macOS; drop -Pgpu");
        }
        return variant;
    }

    private static Variant ofOnnxRuntimeJar(String name) {
        if (name.startsWith("onnxruntime_gpu-")) {
            return CUDA;
        }
        return name.startsWith("onnxruntime_directml-") ? DIRECTML : CPU;
    }
}
