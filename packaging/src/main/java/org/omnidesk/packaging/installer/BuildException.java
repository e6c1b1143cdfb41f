// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.packaging.installer;

/** A build step that cannot go on, with a one-line message naming the thing and the fix. */
public final class BuildException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BuildException(String message) {
        super(message);
    }

    public BuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
