// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.history;

/** How a stored turn ended; {@code ANSWERING} rows found at start-up were cut off by a crash. */
public enum TurnStatus {
    ANSWERING,
    DONE,
    STOPPED,
    FAILED,
    INTERRUPTED
}
