// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.voice;

/** What the state indicator shows; ERROR until the next action after a failed turn. */
public enum AssistantState {
    IDLE,
    LISTENING,
    THINKING,
    SPEAKING,
    ERROR
}
