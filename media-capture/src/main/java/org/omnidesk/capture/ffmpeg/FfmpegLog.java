// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.ffmpeg;

import org.bytedeco.ffmpeg.global.avutil;

/**
 * Keeps FFmpeg's own logging (format dumps, demuxer warnings) off stderr: every failure the user
 * can meet reaches them as a typed {@code MediaException} instead.
 */
public final class FfmpegLog {

    private FfmpegLog() {
    }

    /** Idempotent; call before opening a grabber. */
    public static void quiet() {
        Quiet.APPLIED.hashCode();
    }

    private static final class Quiet {
        static final Object APPLIED = apply();

        private static Object apply() {
            avutil.av_log_set_level(avutil.AV_LOG_FATAL);
            return Boolean.TRUE;
        }
    }
}
