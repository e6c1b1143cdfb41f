// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.media;

import java.util.List;
import org.omnidesk.app.history.StoredAttachment;
import org.omnidesk.runtime.api.UserInput;

/**
 * A file turned into model input: the features for the engine, the attachment for the transcript
 * and history, and one-line warnings for the user (e.g. "the model hears only its first 300 s").
 */
public record PreparedInput(UserInput input, StoredAttachment attachment, List<String> warnings) {
    public PreparedInput {
        warnings = List.copyOf(warnings);
    }
}
