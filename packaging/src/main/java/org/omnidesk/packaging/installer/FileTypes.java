// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.packaging.installer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The media files "Open with OmniDesk" offers: the launcher gets the file as its argument and the app
 * opens its window with the file attached. On Linux they go into the desktop entry's MimeType (the
 * system already knows these standard types, so the package neither redefines them nor makes
 * OmniDesk their default application); on Windows and macOS into jpackage's file associations.
 */
record FileTypes(List<FileType> types) {

    record FileType(String extension, String mimeType, String description) {
        FileType {
            if (!extension.matches("[a-z0-9]+") || !mimeType.matches("[a-z]+/[a-z0-9.+-]+")) {
                throw new IllegalArgumentException("bad file type " + extension + " " + mimeType);
            }
        }
    }

    static final FileTypes MEDIA = new FileTypes(List.of(
            new FileType("mp4", "video/mp4", "MP4 video"),
            new FileType("mkv", "video/x-matroska", "Matroska video"),
            new FileType("webm", "video/webm", "WebM video"),
            new FileType("mov", "video/quicktime", "QuickTime video"),
            new FileType("avi", "video/x-msvideo", "AVI video"),
            new FileType("png", "image/png", "PNG image"),
            new FileType("jpg", "image/jpeg", "JPEG image"),
            new FileType("jpeg", "image/jpeg", "JPEG image"),
            new FileType("webp", "image/webp", "WebP image"),
            new FileType("bmp", "image/bmp", "BMP image"),
            new FileType("wav", "audio/x-wav", "WAV audio"),
            new FileType("mp3", "audio/mpeg", "MP3 audio"),
            new FileType("flac", "audio/flac", "FLAC audio"),
            new FileType("ogg", "audio/ogg", "Ogg audio"),
            new FileType("m4a", "audio/mp4", "M4A audio")));

    FileTypes {
        types = List.copyOf(types);
    }

    /** The desktop entry's MimeType value: each type once, in list order, ';'-terminated. */
    String desktopMimeTypes() {
        StringBuilder line = new StringBuilder();
        types.stream().map(FileType::mimeType).distinct().forEach(m -> line.append(m).append(';'));
        return line.toString();
    }

    /** One jpackage --file-associations properties file per type, written into {@code dir}. */
    List<Path> writeAssociations(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (FileType type : types) {
            Path file = dir.resolve(type.extension().toLowerCase(Locale.ROOT) + ".properties");
            Files.writeString(file, "extension=" + type.extension() + "\nmime-type=" + type.mimeType()
                    + "\ndescription=" + type.description() + "\n");
            files.add(file);
        }
        return files;
    }
}
