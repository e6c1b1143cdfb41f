// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.session;

/** Where the conversation is: waiting, hearing the user, preparing the answer, or speaking it. */
public enum TurnState {
    IDLE,
    LISTENING,
    THINKING,
    SPEAKING
}
