// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.history;

import org.omnidesk.ui.chat.Attachment;

/** An attachment as history keeps it: what the transcript shows, plus the file and its SHA-256 ("" for recordings). */
public record StoredAttachment(Attachment shown, String path, String sha256) {
    public StoredAttachment {
        path = path == null ? "" : path;
        sha256 = sha256 == null ? "" : sha256;
    }
}
