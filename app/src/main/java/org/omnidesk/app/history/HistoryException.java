// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.history;

/** The history database failed; the message is one line naming the file or operation. */
public final class HistoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HistoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
