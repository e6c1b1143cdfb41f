// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.packaging.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The ONNX Runtime build on the class path decides the variant, and impossible ones fail with the fix. */
class VariantTest {

    @Test
    void readsTheVariantOffTheOnnxRuntimeJar() {
        assertEquals(Variant.CPU, Variant.of(List.of("a.jar", "onnxruntime-1.29.0.jar"), Platform.MACOS_ARM64));
        assertEquals(Variant.CUDA, Variant.of(List.of("onnxruntime_gpu-1.29.0.jar"), Platform.WINDOWS_X64));
        assertEquals(Variant.DIRECTML, Variant.of(List.of("onnxruntime_directml-1.29.0.jar"), Platform.WINDOWS_X64));
    }

    @Test
    void refusesNoneTwoOrTheWrongPlatform() {
        assertMessage("found 0", () -> Variant.of(List.of("onnxruntime-extensions.jar"), Platform.LINUX_X64));
        assertMessage("found 2", () -> Variant.of(List.of("onnxruntime-1.29.0.jar", "onnxruntime_gpu-1.29.0.jar"),
                Platform.LINUX_X64));
        assertMessage("Windows-only", () -> Variant.of(List.of("onnxruntime_directml-1.29.0.jar"), Platform.LINUX_X64));
        assertMessage("no CUDA on macOS", () -> Variant.of(List.of("onnxruntime_gpu-1.29.0.jar"), Platform.MACOS_ARM64));
    }

    private static void assertMessage(String part, Runnable call) {
        BuildException e = assertThrows(BuildException.class, call::run);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
