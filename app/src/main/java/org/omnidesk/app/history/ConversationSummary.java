// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.history;

/** A conversation in the history list. Times are epoch milliseconds. */
public record ConversationSummary(long id, String title, long createdMs, long updatedMs, int turns) {}
