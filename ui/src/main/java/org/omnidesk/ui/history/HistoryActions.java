// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.history;

import java.nio.file.Path;

/** What the history list asks for; called on the FX thread, must return at once. */
public interface HistoryActions {

    enum ExportFormat { MARKDOWN, SRT }

    void open(long conversationId);

    void rename(long conversationId, String title);

    void delete(long conversationId);

    void export(long conversationId, ExportFormat format, Path target);
}
