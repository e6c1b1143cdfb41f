// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession.SessionOptions;

/** An execution provider we know how to switch on, with what the ONNX Runtime build must list for it. */
public enum Accelerator {
    CUDA(OrtProvider.CUDA, "the GPU build of ONNX Runtime (-Pgpu) with CUDA 12 and cuDNN 9 installed"),
    DIRECTML(OrtProvider.DIRECT_ML, "the Windows DirectML build of ONNX Runtime (see packaging/installer)"),
    CPU(OrtProvider.CPU, "nothing");

    private final OrtProvider ortProvider;
    private final String needs;

    Accelerator(OrtProvider ortProvider, String needs) {
        this.ortProvider = ortProvider;
        this.needs = needs;
    }

    public OrtProvider ortProvider() {
        return ortProvider;
    }

    /** What a user must install for this provider, for the fallback reason. */
    public String needs() {
        return needs;
    }

    /** Appends this provider to the session options (CPU is ONNX Runtime's implicit default). */
    void enable(SessionOptions options) throws OrtException {
        switch (this) {
            case CUDA -> options.addCUDA(0);
            case DIRECTML -> options.addDirectML(0);
            case CPU -> { }
        }
    }
}
