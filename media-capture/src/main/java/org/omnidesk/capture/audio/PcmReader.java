// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.audio;

import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.omnidesk.capture.api.AudioDevice;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.api.MediaFiles;
import org.omnidesk.capture.ffmpeg.FfmpegLog;
import org.omnidesk.capture.ffmpeg.OpenFailures;

/**
 * Pulls 16 kHz mono float samples out of an FFmpeg input — a media file or a capture device —
 * one decoded frame at a time through {@link Resampler}: only a frame's worth of audio is held.
 * The file decoder, the file-backed source and the microphone all read through this class.
 * One thread; close it.
 */
final class PcmReader implements AutoCloseable {

    static final int SAMPLE_RATE = 16_000;

    /** Below this start offset, decode from the beginning and skip: exact, and cheap enough. */
    private static final double SEEK_FROM_SECONDS = 30.0;
    /** Seek this far before the wanted start so the decoder and resampler settle. */
    private static final double SEEK_PREROLL_SECONDS = 1.0;

    private final FFmpegFrameGrabber grabber;
    private final Path name;
    private final boolean device;
    private final Resampler resampler = new Resampler(SAMPLE_RATE);
    private final long startSample;
    private final long endSample;     // exclusive; Long.MAX_VALUE: to the end
    private final long declared;      // the track's length by its timestamps, -1 if unknown
    private long position;            // absolute 16 kHz index of the next resampled sample; -1 right after a seek
    private float[] pending = new float[0];
    private int pendingPos;
    private int pendingLen;
    private boolean ended;
    private long arrivalNanos;

    private PcmReader(FFmpegFrameGrabber grabber, Path name, boolean device, long startSample, long endSample,
            boolean seeked) {
        this.grabber = grabber;
        this.name = name;
        this.device = device;
        this.startSample = startSample;
        this.declared = device ? -1 : declaredSamples(grabber);
        // Codecs pad their last frame (AAC: up to 1024 samples); the container's length ends the track.
        this.endSample = declared > startSample ? Math.min(endSample, declared) : endSample;
        this.position = seeked ? -1 : 0;
    }

    /** Opens a media file's first audio track; samples [startSample, endSample) are returned. */
    static PcmReader openFile(Path path, long startSample, long endSample) throws MediaException {
        MediaFiles.requireReadableFile(path);
        FfmpegLog.quiet();
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(path.toFile());
        grabber.setVideoStream(Integer.MAX_VALUE); // never open a video decoder: we only want the sound
        try {
            grabber.start();
        } catch (Exception e) {
            release(grabber);
            throw OpenFailures.classify(path, e, MediaException.Kind.NO_AUDIO_TRACK);
        }
        if (!grabber.hasAudio() || grabber.getAudioChannels() < 1) {
            release(grabber);
            throw new MediaException(MediaException.Kind.NO_AUDIO_TRACK, path, null);
        }
        boolean seek = startSample >= SEEK_FROM_SECONDS * SAMPLE_RATE;
        if (seek) {
            long target = (long) ((startSample / (double) SAMPLE_RATE - SEEK_PREROLL_SECONDS) * 1e6);
            try {
                grabber.setAudioTimestamp(streamStartMicros(grabber) + target);
            } catch (Exception e) {
                seek = false; // not seekable: decode from the start and skip
                restart(grabber, path);
            }
        }
        return new PcmReader(grabber, path, false, startSample, endSample, seek);
    }

    /** Opens a capture device through its FFmpeg input format with the given device options. */
    static PcmReader openDevice(AudioDevice dev, Map<String, String> options) throws MediaException {
        FfmpegLog.quiet();
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(dev.id());
        grabber.setFormat(dev.backend());
        grabber.setOptions(options);
        grabber.setVideoStream(Integer.MAX_VALUE);
        Path name = Path.of(dev.backend() + ":" + dev.id());
        try {
            grabber.start();
        } catch (Exception e) {
            release(grabber);
            throw new MediaException(MediaException.Kind.DEVICE_UNAVAILABLE, name, "FFmpeg: " + OpenFailures.reason(e), e);
        }
        return new PcmReader(grabber, name, true, 0, Long.MAX_VALUE, false);
    }

    /**
     * Reads up to {@code len} samples; blocks for a device until some arrive. Returns -1 at the
     * end of the file (or range).
     */
    int read(float[] dst, int off, int len) throws MediaException {
        while (true) {
            if (position >= endSample) {
                return -1;
            }
            if (pendingPos < pendingLen) {
                if (position < startSample) {
                    int skip = (int) Math.min(startSample - position, pendingLen - pendingPos);
                    pendingPos += skip;
                    position += skip;
                    continue;
                }
                int n = (int) Math.min(Math.min(len, pendingLen - pendingPos), endSample - position);
                System.arraycopy(pending, pendingPos, dst, off, n);
                pendingPos += n;
                position += n;
                return n;
            }
            if (ended) {
                return -1;
            }
            decodeNext();
        }
    }

    /** {@link System#nanoTime()} when the newest decoded frame arrived (the device capture clock). */
    long arrivalNanos() {
        return arrivalNanos;
    }

    /** Decoded samples held after the next one {@link #read} returns: the newest frame's rest. */
    int buffered() {
        return pendingLen - pendingPos;
    }

    /** Absolute 16 kHz index of the next sample {@link #read} returns. */
    long position() {
        return Math.max(position, 0);
    }

    /**
     * Samples the container says the audio track holds (16 kHz), when that comes from its
     * timestamps and not a bitrate guess; -1 when unknown or for a device.
     */
    long declaredSamples() {
        return declared;
    }

    private static long declaredSamples(FFmpegFrameGrabber grabber) {
        AVFormatContext fc = grabber.getFormatContext();
        if (fc.duration_estimation_method() == avformat.AVFMT_DURATION_FROM_BITRATE) {
            return -1;
        }
        AVStream st = fc.streams(grabber.getAudioStream());
        if (st.duration() == avutil.AV_NOPTS_VALUE || st.duration() <= 0) {
            return -1;
        }
        AVRational tb = st.time_base();
        return st.duration() * SAMPLE_RATE * tb.num() / tb.den();
    }

    Path name() {
        return name;
    }

    private void decodeNext() throws MediaException {
        Frame frame;
        try {
            frame = grabber.grabSamples();
        } catch (Exception e) {
            throw new MediaException(device ? MediaException.Kind.DEVICE_UNAVAILABLE : MediaException.Kind.CORRUPT,
                    name, "FFmpeg: " + OpenFailures.reason(e), e);
        }
        arrivalNanos = System.nanoTime();
        if (frame == null) {
            ended = true;
            setPending(resampler.output(), resampler.flush());
            return;
        }
        if (!(frame.opaque instanceof AVFrame decoded)) {
            return;
        }
        if (position < 0) {
            // First frame after a seek: place it on the 16 kHz timeline from its timestamp.
            position = Math.round((frame.timestamp - streamStartMicros(grabber)) * (SAMPLE_RATE / 1e6));
            if (position > startSample) {
                // The seek overshot (imprecise index): decode from the start and skip instead.
                restart(grabber, name);
                position = 0;
                return;
            }
        }
        setPending(resampler.output(), resampler.convert(decoded));
    }

    private void setPending(float[] samples, int count) {
        pending = samples;
        pendingPos = 0;
        pendingLen = count;
    }

    private static long streamStartMicros(FFmpegFrameGrabber grabber) {
        AVStream st = grabber.getFormatContext().streams(grabber.getAudioStream());
        if (st.start_time() == avutil.AV_NOPTS_VALUE) {
            return 0;
        }
        AVRational tb = st.time_base();
        return st.start_time() * 1_000_000L * tb.num() / tb.den();
    }

    private static void restart(FFmpegFrameGrabber grabber, Path path) throws MediaException {
        try {
            grabber.restart();
        } catch (Exception e) {
            release(grabber);
            throw OpenFailures.classify(path, e, MediaException.Kind.NO_AUDIO_TRACK);
        }
    }

    private static void release(FFmpegFrameGrabber grabber) {
        try {
            grabber.close();
        } catch (Exception ignored) {
            // Nothing more to release; the open failure is what the caller reports.
        }
    }

    @Override
    public void close() {
        release(grabber);
        resampler.close();
    }
}
