// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.chat;

/** A failure shown in the transcript: one line naming the thing and the fix. */
public record ErrorEntry(String message) implements TranscriptEntry {}
