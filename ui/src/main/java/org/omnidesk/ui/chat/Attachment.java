// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.chat;

import java.util.Locale;
import java.util.Optional;
import org.omnidesk.ui.fx.ArgbImage;

/**
 * A file or recording shown with a user turn: images and videos with a thumbnail, audio and
 * video with their duration ({@code seconds}, 0 for images).
 */
public record Attachment(Kind kind, String name, double seconds, Optional<ArgbImage> thumbnail) {

    public enum Kind { IMAGE, VIDEO, AUDIO }

    public Attachment {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an attachment needs a name");
        }
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("seconds must be >= 0, got " + seconds);
        }
    }

    /** Duration as m:ss (h:mm:ss from an hour), rounded to the nearest second. */
    public String durationText() {
        long total = Math.round(seconds);
        long h = total / 3600;
        long m = total % 3600 / 60;
        long s = total % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
                : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
