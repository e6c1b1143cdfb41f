// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.api;

/** A failure with a one-line, user-facing message that names the thing and the fix. */
public class InferenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorKind kind;

    public InferenceException(ErrorKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public InferenceException(ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }
}
