// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.chat;

/** One item of the transcript: what the user said, what the assistant answered, or what went wrong. */
public sealed interface TranscriptEntry permits UserEntry, AssistantEntry, ErrorEntry {}
