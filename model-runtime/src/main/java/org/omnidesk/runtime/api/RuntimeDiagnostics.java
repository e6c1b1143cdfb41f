// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.api;

import java.util.List;
import org.omnidesk.runtime.onnx.OrtInfo;

/** ONNX Runtime facts for {@code omnidesk doctor}, without exposing ONNX Runtime types. */
public final class RuntimeDiagnostics {

    /** The loaded ONNX Runtime's version and the execution providers its build lists. */
    public record OnnxRuntime(String version, List<String> availableProviders) {}

    private RuntimeDiagnostics() {
    }

    public static OnnxRuntime onnxRuntime() {
        return new OnnxRuntime(OrtInfo.version(), OrtInfo.availableProviders());
    }
}
