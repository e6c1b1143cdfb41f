// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.model;

/** Model setup failed (download, import); the message is one line naming the thing and the fix. */
public final class SetupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SetupException(String message) {
        super(message);
    }

    public SetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
