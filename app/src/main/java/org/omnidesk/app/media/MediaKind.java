// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.media;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.omnidesk.ui.chat.Attachment;

/** A media file's kind by its extension; unknown extensions are probed by the decoders. */
final class MediaKind {

    private static final Set<String> IMAGES = Set.of("png", "jpg", "jpeg", "webp", "bmp", "gif", "tif", "tiff");
    private static final Set<String> AUDIO = Set.of("wav", "mp3", "flac", "ogg", "oga", "opus", "m4a", "aac", "wma");
    private static final Set<String> VIDEO = Set.of("mp4", "m4v", "mkv", "mov", "webm", "avi", "wmv", "flv", "mpg", "mpeg", "ts");

    private MediaKind() {
    }

    static Optional<Attachment.Kind> of(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        if (IMAGES.contains(ext)) {
            return Optional.of(Attachment.Kind.IMAGE);
        } else if (AUDIO.contains(ext)) {
            return Optional.of(Attachment.Kind.AUDIO);
        } else if (VIDEO.contains(ext)) {
            return Optional.of(Attachment.Kind.VIDEO);
        }
        return Optional.empty();
    }
}
