// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.chat;

import java.nio.file.Path;
import java.util.List;

/** What the user asks for in the chat area; called on the FX thread, must return at once. */
public interface ChatActions {

    /** Sends the typed question with the pending attachments. */
    void send(String text);

    /** Files dropped on the window or picked with Attach: prepared and added to the pending attachments. */
    void attach(List<Path> files);

    void removePending(Attachment attachment);

    /** Push-to-talk pressed (button or held Space). */
    void talkPressed();

    void talkReleased();

    /** Stops listening or the answer (Esc, the Stop button). */
    void stop();

    void newChat();
}
