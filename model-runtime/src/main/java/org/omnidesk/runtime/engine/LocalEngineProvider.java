// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.engine;

import org.omnidesk.runtime.api.EngineOptions;
import org.omnidesk.runtime.api.EngineProvider;
import org.omnidesk.runtime.api.ErrorKind;
import org.omnidesk.runtime.api.InferenceException;
import org.omnidesk.runtime.api.OmniEngine;
import org.omnidesk.runtime.onnx.OrtRuntime;
import org.omnidesk.runtime.onnx.ProviderChoice;
import org.omnidesk.runtime.pkg.VerifyListener;

/** {@code local}: a model package on this machine through ONNX Runtime. */
public final class LocalEngineProvider implements EngineProvider {

    @Override
    public String name() {
        return "local";
    }

    @Override
    public OmniEngine open(EngineOptions options) {
        var dir = options.modelDir().orElseThrow(() -> new InferenceException(ErrorKind.MODEL_PACKAGE,
                "No model package chosen; pass --model DIR or import one in the app"));
        return new LocalEngine(OmniModel.load(dir,
                new OrtRuntime.Options(ProviderChoice.parse(options.provider()), options.intraOpThreads()),
                VerifyListener.NONE));
    }
}
