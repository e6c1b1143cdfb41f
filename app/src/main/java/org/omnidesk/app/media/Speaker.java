// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.media;

import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.api.PlaybackSink;

/** Where spoken answers go: the sound card, or a recording sink in tests. */
@FunctionalInterface
public interface Speaker {

    /** Opens the output; the caller closes it. */
    PlaybackSink open() throws MediaException;
}
