// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.api;

import java.nio.file.Path;

/**
 * A media file or device that cannot be used, with a one-line message that names it and says
 * what to do. The {@link Kind} lets callers react without parsing text.
 */
public class MediaException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        NOT_FOUND("not found; check the path"),
        IS_DIRECTORY("is a folder, not a media file; pick a file inside it"),
        EMPTY_FILE("is empty (0 bytes); pick another file"),
        NOT_MEDIA("is not an audio, image or video file; pick a media file"),
        CORRUPT("is damaged or truncated; re-export or re-download it"),
        NO_AUDIO_TRACK("has no sound track; ask without its sound or pick another file"),
        NO_VIDEO_TRACK("has no video track; attach it as audio instead"),
        UNSUPPORTED("uses a format this build cannot decode; convert it (e.g. to MP4/H.264, PNG or WAV)"),
        TOO_LARGE("is too large or has an extreme aspect ratio; crop or downscale it"),
        DEVICE_UNAVAILABLE("is not available; check that it is connected and not in use by another program");

        private final String advice;

        Kind(String advice) {
            this.advice = advice;
        }

        public String advice() {
            return advice;
        }
    }

    private final transient Path path;
    private final Kind kind;

    public MediaException(Kind kind, Path path, String detail) {
        this(kind, path, detail, null);
    }

    public MediaException(Kind kind, Path path, String detail, Throwable cause) {
        super(path + " " + kind.advice() + (detail == null || detail.isBlank() ? "" : " (" + detail + ")"), cause);
        this.kind = kind;
        this.path = path;
    }

    public Kind kind() {
        return kind;
    }

    /** The file or device name (devices use a synthetic path such as {@code camera:0}). */
    public Path path() {
        return path;
    }
}
