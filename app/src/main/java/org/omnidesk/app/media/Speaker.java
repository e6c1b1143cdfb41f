// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.media;

import java.util.concurrent.Executor;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.api.PlaybackSink;
import org.omnidesk.capture.audio.AudioPlayer;
import org.omnidesk.capture.audio.JavaSoundOutput;

/** Where spoken answers go: the sound card, or a recording in tests. */
@FunctionalInterface
public interface Speaker {

    /** Opens the output with its playback task on {@code executor}; the caller closes it. */
    PlaybackSink open(Executor executor) throws MediaException;

    /** The default sound output through Java Sound, fed by {@link AudioPlayer} (stop within one 5 ms piece). */
    static Speaker system() {
        return executor -> {
            AudioPlayer player = new AudioPlayer(new JavaSoundOutput(), AudioPlayer.Settings.DEFAULT);
            player.start(executor);
            return player;
        };
    }
}
