// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.video;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_DEFAULT;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_NONREF;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BYTE;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_DEFAULT;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import java.io.IOException;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.api.MediaException.Kind;
import org.omnidesk.capture.vision.Orientation;
import org.omnidesk.capture.vision.RgbImage;

/**
 * Decodes chosen frames of a video (by presentation index) to RGB in display orientation.
 * Frames in between are decoded but never converted; when the next wanted frame lies past a
 * keyframe the reader has not reached, it seeks to that keyframe instead of decoding the gap.
 * Colour: swscale with the stream's own matrix and range (BT.601 when unspecified).
 */
final class FrameReader implements AutoCloseable {

    /** Receives each wanted frame: its position in the request, the pixels and its pts. */
    @FunctionalInterface
    interface FrameConsumer {
        void accept(int ordinal, RgbImage frame, long pts) throws MediaException, IOException;
    }

    private final VideoIndex index;
    private final Container container;
    private final AVCodecContext decoder;
    private final AVPacket packet;
    private final AVFrame frame;
    private SwsContext sws;
    private BytePointer rgb;
    private final PointerPointer<BytePointer> rgbPlanes = new PointerPointer<>(1);
    private final IntPointer rgbStride = new IntPointer(1);
    private boolean draining;
    /** pts of the last frame the decoder returned; MIN_VALUE before the first. */
    private long decodedUpTo = Long.MIN_VALUE;
    private long decodeOrder = -1;
    private int decodedFrames;
    /** Set by a seek until the first frame after it is seen. */
    private boolean justSought;
    /** pts of every wanted frame, ascending: packets of other frames may skip non-reference decoding. */
    private long[] wantedPts = new long[0];

    private FrameReader(VideoIndex index, Container container, AVCodecContext decoder) {
        this.index = index;
        this.container = container;
        this.decoder = decoder;
        this.packet = av_packet_alloc();
        this.frame = av_frame_alloc();
    }

    static FrameReader open(VideoIndex index) throws MediaException {
        Container c = Container.open(index.path);
        AVCodecContext ctx = null;
        try {
            c.readVideoOnly();
            AVCodec codec = avcodec_find_decoder(c.stream().codecpar().codec_id());
            if (codec == null || codec.isNull()) {
                throw new MediaException(Kind.UNSUPPORTED, index.path, "no decoder for the video codec");
            }
            ctx = avcodec_alloc_context3(codec);
            check(avcodec_parameters_to_context(ctx, c.stream().codecpar()), index, "codec parameters");
            ctx.thread_count(0); // FFmpeg picks frame/slice threads for the machine
            ctx.pkt_timebase(c.stream().time_base());
            check(avcodec_open2(ctx, codec, (AVDictionary) null), index, "opening the decoder");
            return new FrameReader(index, c, ctx);
        } catch (MediaException | RuntimeException e) {
            if (ctx != null) {
                avcodec_free_context(ctx);
            }
            c.close();
            throw e;
        }
    }

    /** Decodes the frames at {@code frameIndices} (ascending presentation indices) in order. */
    void read(int[] frameIndices, FrameConsumer consumer) throws MediaException, IOException {
        wantedPts = new long[frameIndices.length];
        for (int k = 0; k < frameIndices.length; k++) {
            wantedPts[k] = index.pts[frameIndices[k]];
        }
        for (int k = 0; k < frameIndices.length; k++) {
            long pts = decodeFrame(frameIndices[k]);
            consumer.accept(k, toRgb(), pts);
            av_frame_unref(frame);
        }
    }

    /** Positions the decoder (seeking when a keyframe lies ahead) and decodes up to frame {@code number}. */
    private long decodeFrame(int number) throws MediaException {
        long target = index.pts[number];
        int key = -1;
        if (index.timed && index.keyPts.length > 0) {
            key = index.keyframeFor(target);
            boolean atStart = decodedUpTo == Long.MIN_VALUE && key == 0;
            if (atStart || index.keyPts[key] <= decodedUpTo) {
                key = -1; // decoding on from here is cheaper than seeking
            } else {
                seek(key);
            }
        }
        while (true) {
            Outcome outcome = decodeUntil(target);
            if (outcome == Outcome.FOUND) {
                return decodedUpTo;
            }
            if (key < 0) {
                throw new MediaException(Kind.CORRUPT, index.path, "the video ends before frame " + number
                        + " of " + index.frames() + " (truncated?)");
            }
            // The demuxer's seek landed past the keyframe (imprecise index, e.g. MPEG-TS): start one earlier.
            key--;
            seek(key);
        }
    }

    private enum Outcome { FOUND, OVERSHOT, ENDED }

    /** Frames the decoder has produced so far, wanted or not (seeking keeps this well below the total). */
    int decodedFrames() {
        return decodedFrames;
    }

    /** Seeks to keyframe {@code key}; −1 rewinds to the start of the file. */
    private void seek(int key) throws MediaException {
        int ret = key >= 0
                ? av_seek_frame(container.format, container.videoStream, index.keyPts[key], AVSEEK_FLAG_BACKWARD)
                : av_seek_frame(container.format, -1, 0, AVSEEK_FLAG_BYTE);
        if (ret < 0 && key < 0) {
            ret = av_seek_frame(container.format, container.videoStream, index.pts[0], AVSEEK_FLAG_BACKWARD);
        }
        check(ret, index, "seeking");
        avcodec_flush_buffers(decoder);
        draining = false;
        decodedUpTo = Long.MIN_VALUE;
        justSought = true;
    }

    /**
     * Decodes until the frame at {@code target} (or the first after it, if the decoder dropped it)
     * is in {@link #frame}; OVERSHOT when the first frame after a seek is already past it.
     */
    private Outcome decodeUntil(long target) throws MediaException {
        while (true) {
            if (!nextFrame()) {
                return Outcome.ENDED;
            }
            long pts = index.timed ? frame.best_effort_timestamp() : ++decodeOrder;
            if (pts == AV_NOPTS_VALUE) {
                pts = decodedUpTo == Long.MIN_VALUE ? index.pts[0] : decodedUpTo + 1;
            }
            boolean overshot = justSought && pts > target;
            justSought = false;
            decodedUpTo = pts;
            if (overshot) {
                av_frame_unref(frame);
                return Outcome.OVERSHOT;
            }
            if (pts >= target) {
                return Outcome.FOUND;
            }
            av_frame_unref(frame);
        }
    }

    /** The next decoded frame into {@link #frame}; false at the end of the stream. */
    private boolean nextFrame() throws MediaException {
        while (true) {
            int ret = avcodec_receive_frame(decoder, frame);
            if (ret == 0) {
                decodedFrames++;
                return true;
            }
            if (ret == AVERROR_EOF) {
                return false;
            }
            if (ret != AVERROR_EAGAIN()) {
                throw new MediaException(Kind.CORRUPT, index.path, "decoding failed: " + Av.error(ret));
            }
            if (draining) {
                return false;
            }
            feedPacket();
        }
    }

    private void feedPacket() {
        while (true) {
            if (av_read_frame(container.format, packet) < 0) {
                avcodec_send_packet(decoder, null); // end of file: drain the frames the decoder holds
                draining = true;
                return;
            }
            boolean ours = packet.stream_index() == container.videoStream;
            if (ours && index.timed) {
                // Frames nobody wants and no other frame refers to need not be decoded at all.
                boolean wanted = Arrays.binarySearch(wantedPts, VideoIndex.timestampOf(packet)) >= 0;
                decoder.skip_frame(wanted ? AVDISCARD_DEFAULT : AVDISCARD_NONREF);
            }
            // A damaged packet is skipped as ffmpeg does; missing frames surface in decodeUntil.
            int ret = ours ? avcodec_send_packet(decoder, packet) : 0;
            av_packet_unref(packet);
            if (ours && ret != AVERROR_EAGAIN()) {
                return;
            }
        }
    }

    /** The current frame as RGB24 in display orientation. */
    private RgbImage toRgb() {
        int w = frame.width();
        int h = frame.height();
        sws = sws_getCachedContext(sws, w, h, frame.format(), w, h, AV_PIX_FMT_RGB24, SWS_BICUBIC, null, null,
                (DoublePointer) null);
        boolean fullRange = frame.color_range() == AVCOL_RANGE_JPEG;
        sws_setColorspaceDetails(sws, sws_getCoefficients(frame.colorspace()), fullRange ? 1 : 0,
                sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16);
        long bytes = (long) w * h * 3;
        if (rgb == null || rgb.capacity() < bytes) {
            if (rgb != null) {
                rgb.close();
            }
            rgb = new BytePointer(bytes);
        }
        rgbPlanes.put(0, rgb);
        rgbStride.put(0, w * 3);
        sws_scale(sws, frame.data(), frame.linesize(), 0, h, rgbPlanes, rgbStride);
        byte[] pixels = new byte[(int) bytes];
        rgb.get(pixels);
        return Orientation.apply(new RgbImage(w, h, pixels), index.orientation);
    }

    private static void check(int ret, VideoIndex index, String what) throws MediaException {
        if (ret < 0) {
            throw new MediaException(Kind.CORRUPT, index.path, what + ": " + Av.error(ret));
        }
    }

    @Override
    public void close() {
        av_frame_free(frame);
        av_packet_free(packet);
        avcodec_free_context(decoder);
        if (sws != null) {
            sws_freeContext(sws);
        }
        if (rgb != null) {
            rgb.close();
        }
        rgbPlanes.close();
        rgbStride.close();
        container.close();
    }
}
