// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.onnx;

import java.util.List;
import java.util.Locale;
import org.omnidesk.runtime.api.ErrorKind;
import org.omnidesk.runtime.api.InferenceException;

/** The user's execution provider setting; {@link #candidates()} is the order in which they are tried. */
public enum ProviderChoice {
    AUTO, CUDA, DIRECTML, CPU;

    public static ProviderChoice parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InferenceException(ErrorKind.PROVIDER_UNAVAILABLE, "Unknown execution provider '" + name
                    + "'; choose one of auto, cuda, directml, cpu");
        }
    }

    /** CPU always closes the list: an unavailable GPU provider falls back to it with a reason. */
    public List<Accelerator> candidates() {
        return switch (this) {
            case AUTO -> List.of(Accelerator.CUDA, Accelerator.DIRECTML, Accelerator.CPU);
            case CUDA -> List.of(Accelerator.CUDA, Accelerator.CPU);
            case DIRECTML -> List.of(Accelerator.DIRECTML, Accelerator.CPU);
            case CPU -> List.of(Accelerator.CPU);
        };
    }
}
