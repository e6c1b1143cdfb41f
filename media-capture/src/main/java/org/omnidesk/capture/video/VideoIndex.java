// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avio_size;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.DoubleConsumer;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.api.MediaException.Kind;
import org.omnidesk.capture.vision.Orientation;
import org.omnidesk.capture.vision.Size;

/**
 * Every frame of a video stream, by presentation order, from one pass over its packets (demuxing
 * only, no decoding — what decord does to build its frame index). Frame {@code i} is the packet
 * with the i-th smallest presentation timestamp, so variable frame rates and B-frame reordering
 * give real times. Keyframes are kept so the decoder can seek to the ones it needs.
 */
final class VideoIndex {

    final Path path;
    final Size coded;
    /** EXIF-style orientation code of the display matrix. */
    final int orientation;
    /** Presentation timestamps in stream time base, ascending: [frames]. */
    final long[] pts;
    /** Keyframes' pts, ascending: where the decoder can start. */
    final long[] keyPts;
    final double timeBase;
    /** The container's average frame rate, as qwen-omni-utils' readers report it. */
    final double averageFps;
    final boolean hasAudio;
    /** Presentation end of the last frame (its pts plus its duration), stream time base. */
    final long endPts;
    /** False when packets carry no timestamps: frames are then known only by decode order. */
    final boolean timed;
    /** The container's start time in seconds (the origin of every stream's timeline in the file). */
    final double fileStart;

    private VideoIndex(Path path, Size coded, int orientation, long[] pts, long[] keyPts,
                       double timeBase, double averageFps, boolean hasAudio, long endPts, boolean timed,
                       double fileStart) {
        this.path = path;
        this.coded = coded;
        this.orientation = orientation;
        this.pts = pts;
        this.keyPts = keyPts;
        this.timeBase = timeBase;
        this.averageFps = averageFps;
        this.hasAudio = hasAudio;
        this.endPts = endPts;
        this.timed = timed;
        this.fileStart = fileStart;
    }

    int frames() {
        return pts.length;
    }

    /** Width × height as displayed (a quarter-turn display matrix swaps them). */
    Size displaySize() {
        boolean quarter = orientation == Orientation.ROTATE_90_CW || orientation == Orientation.ROTATE_90_CCW;
        return quarter ? new Size(coded.width(), coded.height()) : coded;
    }

    /** Seconds from the first frame. */
    double secondsFromStart(long timestamp) {
        return (timestamp - pts[0]) * timeBase;
    }

    /** The first frame's time from the start of the file (what an audio decoder's range counts from). */
    double startSeconds() {
        return Math.max(0, pts[0] * timeBase - fileStart);
    }

    double endSeconds() {
        return Math.max(0, endPts * timeBase - fileStart);
    }

    /** The last keyframe at or before {@code timestamp}; 0 when none precedes it. */
    int keyframeFor(long timestamp) {
        int i = Arrays.binarySearch(keyPts, timestamp);
        return i >= 0 ? i : Math.max(0, -i - 2);
    }

    /** The packet's presentation time, its decode time when the container gives none (AVI). */
    static long timestampOf(AVPacket pkt) {
        return pkt.pts() != AV_NOPTS_VALUE ? pkt.pts() : pkt.dts();
    }

    /** Reads every packet of the video stream; {@code progress} gets the fraction of the file read. */
    static VideoIndex scan(Path path, DoubleConsumer progress) throws MediaException {
        try (Container c = Container.open(path)) {
            AVStream stream = c.stream();
            c.readVideoOnly();
            Packets packets = readPackets(c, progress);
            if (packets.count == 0) {
                throw new MediaException(Kind.CORRUPT, path, "no video frames in the stream");
            }
            int width = stream.codecpar().width();
            int height = stream.codecpar().height();
            if (width <= 0 || height <= 0) {
                throw new MediaException(Kind.CORRUPT, path, "video stream has no frame size");
            }
            double timeBase = stream.time_base().num() / (double) stream.time_base().den();
            long[] pts = Arrays.copyOf(packets.pts, packets.count);
            Arrays.sort(pts);
            long[] keyPts = Arrays.copyOf(packets.keyPts, packets.keys);
            Arrays.sort(keyPts);
            double fps = averageFps(stream, pts, timeBase);
            if (!packets.timed) {
                timeBase = 1 / fps; // timestamps are frame numbers
            }
            long last = pts[pts.length - 1];
            long frameDuration = packets.lastDuration > 0 && packets.timed ? packets.lastDuration
                    : Math.max(1, Math.round(1 / (fps * timeBase)));
            return new VideoIndex(path, new Size(height, width), Orientation.ofClockwiseDegrees(c.clockwiseRotation()),
                    pts, keyPts, timeBase, fps, c.hasAudio, last + frameDuration, packets.timed,
                    c.format.start_time() == AV_NOPTS_VALUE || !packets.timed ? 0 : c.format.start_time() / 1e6);
        }
    }

    /** avg_frame_rate as decord/torchcodec report it; r_frame_rate or the timestamps when it is missing. */
    private static double averageFps(AVStream stream, long[] pts, double timeBase) {
        if (stream.avg_frame_rate().num() > 0 && stream.avg_frame_rate().den() > 0) {
            return stream.avg_frame_rate().num() / (double) stream.avg_frame_rate().den();
        }
        if (pts.length > 1 && pts[pts.length - 1] > pts[0] && timeBase > 0) {
            return (pts.length - 1) / ((pts[pts.length - 1] - pts[0]) * timeBase);
        }
        if (stream.r_frame_rate().num() > 0 && stream.r_frame_rate().den() > 0) {
            return stream.r_frame_rate().num() / (double) stream.r_frame_rate().den();
        }
        return 25.0;
    }

    /** Growable columns of packet facts. */
    private static final class Packets {
        long[] pts = new long[1024];
        long[] keyPts = new long[64];
        int count;
        int keys;
        long lastDuration;
        boolean timed = true;

        void add(long timestamp, boolean key, long duration) {
            if (count == pts.length) {
                pts = Arrays.copyOf(pts, count * 2);
            }
            pts[count++] = timestamp;
            if (key) {
                if (keys == keyPts.length) {
                    keyPts = Arrays.copyOf(keyPts, keys * 2);
                }
                keyPts[keys++] = timestamp;
            }
            lastDuration = duration;
        }
    }

    private static Packets readPackets(Container c, DoubleConsumer progress) {
        Packets packets = new Packets();
        long size = c.format.pb() == null ? 1 : Math.max(1, avio_size(c.format.pb()));
        AVPacket pkt = av_packet_alloc();
        try {
            int reported = 0;
            while (av_read_frame(c.format, pkt) >= 0) {
                if (pkt.stream_index() == c.videoStream) {
                    long p = timestampOf(pkt);
                    if (p == AV_NOPTS_VALUE) {
                        packets.timed = false;
                        p = packets.count;
                    }
                    packets.add(p, (pkt.flags() & AV_PKT_FLAG_KEY) != 0, pkt.duration());
                    int percent = (int) (100 * pkt.pos() / size);
                    if (pkt.pos() >= 0 && percent > reported) {
                        reported = percent;
                        progress.accept(Math.min(1.0, percent / 100.0));
                    }
                }
                av_packet_unref(pkt);
            }
        } finally {
            av_packet_free(pkt);
        }
        if (!packets.timed) {
            // Without timestamps only decode order is known: frame i = i-th packet, no seeking.
            for (int i = 0; i < packets.count; i++) {
                packets.pts[i] = i;
            }
            packets.keys = 0;
        }
        return packets;
    }
}
