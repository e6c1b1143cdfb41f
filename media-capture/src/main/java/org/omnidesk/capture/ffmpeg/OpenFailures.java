// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.ffmpeg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVProbeData;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.omnidesk.capture.api.MediaException;

/** Turns an {@code FFmpegFrameGrabber.start()} failure on a file into the right {@link MediaException.Kind}. */
public final class OpenFailures {

    private static final int PROBE_BYTES = 4096;
    private static final Pattern ERROR_CODE = Pattern.compile("error (-\\d+)");

    private OpenFailures() {
    }

    /**
     * @param missingStream the kind to report when the file holds no stream of the wanted type
     *                      (NO_AUDIO_TRACK for audio readers, NO_VIDEO_TRACK for video readers)
     */
    public static MediaException classify(Path path, Exception failure, MediaException.Kind missingStream) {
        String message = String.valueOf(failure.getMessage());
        MediaException.Kind kind;
        if (message.contains("avcodec_find_decoder")) {
            kind = MediaException.Kind.UNSUPPORTED;
        } else if (message.contains("Did not find a video or audio stream")) {
            kind = missingStream;
        } else if (message.contains("avformat_open_input")) {
            // FFmpeg could not read the header: damaged if the first bytes are a known container.
            kind = looksLikeMedia(path) ? MediaException.Kind.CORRUPT : MediaException.Kind.NOT_MEDIA;
        } else {
            kind = MediaException.Kind.CORRUPT;
        }
        String detail = switch (kind) {
            case NOT_MEDIA, NO_AUDIO_TRACK, NO_VIDEO_TRACK -> null;
            default -> "FFmpeg: " + reason(failure);
        };
        return new MediaException(kind, path, detail, failure);
    }

    /** Whether FFmpeg's probe recognises the file's first bytes (name ignored) as a container. */
    public static boolean looksLikeMedia(Path path) {
        byte[] head = new byte[PROBE_BYTES];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, PROBE_BYTES);
        } catch (IOException e) {
            return false;
        }
        // The probe reads up to AVPROBE_PADDING_SIZE bytes past the end: keep them zero.
        try (BytePointer buf = new BytePointer(n + avformat.AVPROBE_PADDING_SIZE);
                BytePointer name = new BytePointer("");
                AVProbeData probe = new AVProbeData()) {
            buf.zero();
            buf.put(head, 0, n);
            probe.buf(buf).buf_size(n).filename(name);
            int[] score = {0};
            AVInputFormat format = avformat.av_probe_input_format3(probe, 1, score);
            return format != null && score[0] >= avformat.AVPROBE_SCORE_RETRY;
        }
    }

    /**
     * FFmpeg's text for the error code a javacv exception embeds ("... error -1094995529: ..."),
     * else the message's first sentence.
     */
    public static String reason(Exception failure) {
        String message = String.valueOf(failure.getMessage());
        Matcher m = ERROR_CODE.matcher(message);
        if (m.find()) {
            try (BytePointer text = new BytePointer(256)) {
                text.zero();
                if (avutil.av_strerror(Integer.parseInt(m.group(1)), text, 256) == 0) {
                    String s = text.getString();
                    int nul = s.indexOf('\0');
                    return nul < 0 ? s : s.substring(0, nul);
                }
            }
        }
        String first = message.lines().findFirst().orElse(message);
        int stop = first.indexOf(". ");
        return stop > 0 ? first.substring(0, stop) : first;
    }
}
