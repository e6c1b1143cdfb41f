// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.audio;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.omnidesk.capture.api.MediaException;

/**
 * Any audio or video file → mono float32 at 16 kHz (the model's input rate) through javacv's
 * {@code FFmpegFrameGrabber} and FFmpeg's resampler, channels averaged like librosa. Streams:
 * {@link #stream} holds one decoded frame at a time, so a 2-hour file never sits in memory;
 * {@link #decode} collects a bounded range. Bad files fail with a typed {@link MediaException}
 * naming the file: missing, empty, a folder, not media, damaged or truncated, no sound track,
 * unsupported codec.
 *
 * <pre>{@code
 * float[] pcm = AudioDecoder.decode(file);                                   // whole track
 * float[] cut = AudioDecoder.decode(file, new Range(12.5, 20), LogMel.MAX_SAMPLES + 1);
 * AudioDecoder.stream(file, Range.ALL, (pcm, off, len) -> mel.accept(pcm, off, len));
 * }</pre>
 */
public final class AudioDecoder {

    public static final int SAMPLE_RATE = PcmReader.SAMPLE_RATE;

    /** Decoding stopped short of the duration the container declares by more than this: truncated. */
    private static final double TRUNCATION_TOLERANCE = 0.05;
    private static final int TRUNCATION_MIN_SAMPLES = SAMPLE_RATE / 2;
    private static final int BLOCK = 1 << 16;

    private AudioDecoder() {
    }

    /** Seconds [start, end) of a track; {@code end} may be infinite ("to the end"). */
    public record Range(double startSeconds, double endSeconds) {
        public static final Range ALL = new Range(0, Double.POSITIVE_INFINITY);

        public Range {
            if (!(startSeconds >= 0) || !(endSeconds > startSeconds)) {
                throw new IllegalArgumentException("need 0 <= start < end, got start " + startSeconds
                        + " s, end " + endSeconds + " s");
            }
        }

        /** int(16000·t), as the reference slices a waveform by seconds. */
        long startSample() {
            return (long) (startSeconds * SAMPLE_RATE);
        }

        long endSample() {
            return Double.isInfinite(endSeconds) ? Long.MAX_VALUE : (long) (endSeconds * SAMPLE_RATE);
        }
    }

    /** Receives decoded 16 kHz samples; the array is reused after the call returns. */
    @FunctionalInterface
    public interface PcmSink {
        void accept(float[] pcm, int offset, int length);
    }

    /** The whole first audio track. */
    public static float[] decode(Path file) throws MediaException {
        return decode(file, Range.ALL, Integer.MAX_VALUE - 8);
    }

    /** The range, at most {@code maxSamples} samples (decoding stops there). */
    public static float[] decode(Path file, Range range, int maxSamples) throws MediaException {
        Collector collector = new Collector();
        stream(file, range.startSample(), Math.min(range.endSample(), range.startSample() + maxSamples), collector);
        return collector.toArray();
    }

    /** Streams the range to {@code sink} in decoder-sized pieces; returns the sample count. */
    public static long stream(Path file, Range range, PcmSink sink) throws MediaException {
        return stream(file, range.startSample(), range.endSample(), sink);
    }

    private static long stream(Path file, long start, long end, PcmSink sink) throws MediaException {
        try (PcmReader reader = PcmReader.openFile(file, start, end)) {
            float[] buf = new float[8192];
            long total = 0;
            int n;
            while ((n = reader.read(buf, 0, buf.length)) >= 0) {
                sink.accept(buf, 0, n);
                total += n;
            }
            requireComplete(reader, end);
            return total;
        }
    }

    /** Gathers samples in fixed blocks so that growing never copies what was decoded. */
    private static final class Collector implements PcmSink {
        private final List<float[]> full = new ArrayList<>();
        private float[] current = new float[BLOCK];
        private int fill;

        @Override
        public void accept(float[] pcm, int offset, int length) {
            while (length > 0) {
                int n = Math.min(length, BLOCK - fill);
                System.arraycopy(pcm, offset, current, fill, n);
                fill += n;
                offset += n;
                length -= n;
                if (fill == BLOCK) {
                    full.add(current);
                    current = new float[BLOCK];
                    fill = 0;
                }
            }
        }

        float[] toArray() {
            float[] out = new float[full.size() * BLOCK + fill];
            for (int i = 0; i < full.size(); i++) {
                System.arraycopy(full.get(i), 0, out, i * BLOCK, BLOCK);
            }
            System.arraycopy(current, 0, out, full.size() * BLOCK, fill);
            return out;
        }
    }

    /** A file that ends well before the duration its container declares was cut short. */
    private static void requireComplete(PcmReader reader, long end) throws MediaException {
        long declared = reader.declaredSamples();
        long reached = reader.position();
        if (declared < 0 || end < declared) {
            return;
        }
        long slack = Math.max(TRUNCATION_MIN_SAMPLES, (long) (declared * TRUNCATION_TOLERANCE));
        if (reached + slack < declared) {
            throw new MediaException(MediaException.Kind.CORRUPT, reader.name(), String.format(Locale.ROOT,
                    "audio stops at %.1f s of %.1f s", reached / (double) SAMPLE_RATE, declared / (double) SAMPLE_RATE));
        }
    }
}
