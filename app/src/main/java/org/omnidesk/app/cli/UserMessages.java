// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

/** Turns any failure into the one line a user sees. */
public final class UserMessages {

    private UserMessages() {
    }

    public static String oneLine(Throwable t) {
        Throwable shown = t;
        while (shown.getMessage() == null && shown.getCause() != null) {
            shown = shown.getCause();
        }
        String message = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
