// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.video;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.api.MediaException.Kind;
import org.omnidesk.capture.api.MediaFiles;
import org.omnidesk.capture.ffmpeg.FfmpegLog;
import org.omnidesk.capture.ffmpeg.OpenFailures;

/** An opened media file (libavformat) with its best video stream picked; failures become typed MediaExceptions. */
final class Container implements AutoCloseable {

    final Path path;
    final AVFormatContext format;
    final int videoStream;
    final boolean hasAudio;

    private Container(Path path, AVFormatContext format, int videoStream, boolean hasAudio) {
        this.path = path;
        this.format = format;
        this.videoStream = videoStream;
        this.hasAudio = hasAudio;
    }

    static Container open(Path path) throws MediaException {
        MediaFiles.requireReadableFile(path);
        FfmpegLog.quiet();
        AVFormatContext format = new AVFormatContext(null);
        int ret = avformat_open_input(format, path.toString(), null, (AVDictionary) null);
        if (ret < 0) {
            throw new MediaException(OpenFailures.looksLikeMedia(path) ? Kind.CORRUPT : Kind.NOT_MEDIA, path, Av.error(ret));
        }
        try {
            ret = avformat_find_stream_info(format, (PointerPointer<?>) null);
            if (ret < 0) {
                throw new MediaException(Kind.CORRUPT, path, Av.error(ret));
            }
            int video = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
            if (video < 0 || (format.streams(video).disposition() & AV_DISPOSITION_ATTACHED_PIC) != 0) {
                throw new MediaException(Kind.NO_VIDEO_TRACK, path, null);
            }
            boolean audio = av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1, (AVCodec) null, 0) >= 0;
            return new Container(path, format, video, audio);
        } catch (MediaException | RuntimeException e) {
            avformat_close_input(format);
            throw e;
        }
    }

    /** The demuxer drops every other stream's packets (sound, subtitles) before they reach us. */
    void readVideoOnly() {
        for (int s = 0; s < format.nb_streams(); s++) {
            if (s != videoStream) {
                format.streams(s).discard(AVDISCARD_ALL);
            }
        }
    }

    AVStream stream() {
        return format.streams(videoStream);
    }

    /** Clockwise degrees the display matrix asks for (ffmpeg's autorotate convention), 0 without one. */
    double clockwiseRotation() {
        AVStream st = stream();
        AVPacketSideData sd = av_packet_side_data_get(st.codecpar().coded_side_data(),
                st.codecpar().nb_coded_side_data(), AV_PKT_DATA_DISPLAYMATRIX);
        if (sd == null || sd.isNull() || sd.size() < 36) {
            return 0;
        }
        double ccw = av_display_rotation_get(new IntPointer(sd.data()));
        return Double.isNaN(ccw) ? 0 : -ccw;
    }

    @Override
    public void close() {
        avformat_close_input(format);
    }
}
