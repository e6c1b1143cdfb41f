// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.util.List;

/** Reads the ONNX Runtime build's version and listed execution providers. */
public final class OrtInfo {

    private OrtInfo() {
    }

    public static String version() {
        return OrtEnvironment.getEnvironment().getVersion();
    }

    /**
     * Providers the native library was built with, by ONNX Runtime's names
     * (e.g. {@code CPUExecutionProvider}); listed is not the same as usable (CUDA needs its libraries).
     */
    public static List<String> availableProviders() {
        return OrtEnvironment.getAvailableProviders().stream().map(OrtProvider::getName).sorted().toList();
    }
}
