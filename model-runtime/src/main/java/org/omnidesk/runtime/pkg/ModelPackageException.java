// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.pkg;

import org.omnidesk.runtime.api.ErrorKind;
import org.omnidesk.runtime.api.InferenceException;

/** A model package that cannot be used: the one-line message names the file (or graph and tensor) and the fix. */
public final class ModelPackageException extends InferenceException {
    private static final long serialVersionUID = 1L;

    public ModelPackageException(String message) {
        super(ErrorKind.MODEL_PACKAGE, message);
    }

    public ModelPackageException(String message, Throwable cause) {
        super(ErrorKind.MODEL_PACKAGE, message, cause);
    }
}
