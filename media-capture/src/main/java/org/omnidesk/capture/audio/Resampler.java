// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.audio;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;
import static org.bytedeco.ffmpeg.global.swresample.swr_set_matrix;

import java.util.Arrays;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Decoded FFmpeg audio frames (any sample format, rate and channel count) → mono float32 at the
 * output rate, through libswresample. Channels are averaged with equal weights, as librosa's
 * {@code to_mono} does (swresample's default stereo→mono matrix would scale by 1/√2 instead).
 * {@link #flush()} returns the filter tail at the end of the stream. One thread; close it.
 */
final class Resampler implements AutoCloseable {

    private final int outRate;
    private SwrContext swr;
    private int inRate;
    private int inFormat = -1;
    private int inChannels;
    private FloatPointer nativeOut = new FloatPointer(4096L);
    private final PointerPointer<FloatPointer> outPlanes = new PointerPointer<>(1L);
    private float[] out = new float[4096];

    Resampler(int outRate) {
        this.outRate = outRate;
    }

    /** Converts one frame; the samples are in {@link #output()}[0, returned count). */
    int convert(AVFrame frame) {
        int channels = frame.ch_layout().nb_channels();
        if (swr == null || frame.sample_rate() != inRate || frame.format() != inFormat || channels != inChannels) {
            // A mid-stream format change (rare) restarts the filter; its few samples of tail are lost.
            open(frame.sample_rate(), frame.format(), channels);
        }
        int inSamples = frame.nb_samples();
        return run(frame.extended_data(), inSamples);
    }

    /** The samples still held in the filter at the end of the stream. */
    int flush() {
        return swr == null ? 0 : run(null, 0);
    }

    float[] output() {
        return out;
    }

    private int run(PointerPointer<?> in, int inSamples) {
        int capacity = Math.max(swr_get_out_samples(swr, inSamples), 1);
        if (nativeOut.capacity() < capacity) {
            nativeOut.close();
            nativeOut = new FloatPointer((long) capacity);
        }
        outPlanes.put(0, nativeOut);
        int got = swr_convert(swr, outPlanes, capacity, in, inSamples);
        if (got < 0) {
            throw new IllegalStateException("swr_convert failed: " + got);
        }
        if (out.length < got) {
            out = Arrays.copyOf(out, Math.max(got, out.length * 2));
        }
        nativeOut.position(0).get(out, 0, got);
        return got;
    }

    private void open(int rate, int format, int channels) {
        free();
        try (AVChannelLayout inLayout = new AVChannelLayout(); AVChannelLayout outLayout = new AVChannelLayout()) {
            av_channel_layout_default(inLayout, channels);
            av_channel_layout_default(outLayout, 1);
            SwrContext ctx = new SwrContext();
            int ret = swr_alloc_set_opts2(ctx, outLayout, AV_SAMPLE_FMT_FLT, outRate, inLayout, format, rate, 0, null);
            av_channel_layout_uninit(inLayout);
            av_channel_layout_uninit(outLayout);
            if (ret < 0 || ctx.isNull()) {
                throw new IllegalStateException("swr_alloc_set_opts2 failed: " + ret);
            }
            swr = ctx;
            double[] mean = new double[channels];
            Arrays.fill(mean, 1.0 / channels);
            if ((ret = swr_set_matrix(swr, mean, channels)) < 0 || (ret = swr_init(swr)) < 0) {
                throw new IllegalStateException("swresample init failed: " + ret);
            }
        }
        inRate = rate;
        inFormat = format;
        inChannels = channels;
    }

    private void free() {
        if (swr != null) {
            swr_free(swr);
            swr = null;
        }
    }

    @Override
    public void close() {
        free();
        nativeOut.close();
        outPlanes.close();
    }
}
