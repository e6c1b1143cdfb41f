// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.history;

/** A conversation in the history list: its title and a subtitle such as "3 turns · 2026-03-01 09:15". */
public record ConversationItem(long id, String title, String subtitle) {}
