// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.dsp;

import java.util.Arrays;
import java.util.function.Consumer;
import org.omnidesk.capture.api.AudioChunk;
import org.omnidesk.capture.api.VadEvent;

/**
 * Spectral-energy voice activity detection on 16 kHz audio. Every 10 ms a 25 ms Hann frame's
 * energy in the voice band (default 100–4000 Hz) is compared with the noise floor: a low
 * percentile of the band levels over the last few seconds (minimum statistics), so steady noise
 * is learnt while speech, which keeps dipping between syllables, is not. Dropouts far below the
 * absolute gate (digital silence) do not count towards the floor. Speech starts after
 * {@code minSpeechMillis} of frames {@code onsetDb} above the floor and ends after
 * {@code hangoverMillis} of frames less than {@code offsetDb} above it; events carry the time
 * speech really started and stopped (frame centres), the end is announced after the hangover.
 * The floor is learnt from the first frames: start listening before the user speaks.
 * Single-threaded: one producer feeds it.
 */
public final class VoiceActivityDetector {

    /**
     * Thresholds in dB above the noise floor, an absolute gate in dBFS, timings, the voice band,
     * and the floor's window and percentile.
     */
    public record Settings(double onsetDb, double offsetDb, double minLevelDbfs, int minSpeechMillis,
            int hangoverMillis, double lowHz, double highHz, int floorWindowMillis, double floorPercentile) {

        public static final Settings DEFAULT = new Settings(9, 6, -55, 60, 250, 100, 4000, 3000, 0.1);

        public Settings {
            if (!(onsetDb >= offsetDb && offsetDb > 0) || minSpeechMillis < 10 || hangoverMillis < 10
                    || !(lowHz >= 0 && highHz > lowHz && highHz <= LogMel.SAMPLE_RATE / 2.0)
                    || floorWindowMillis < 100 || !(floorPercentile >= 0 && floorPercentile < 1)) {
                throw new IllegalArgumentException("invalid VAD settings: " + this);
            }
        }
    }

    private static final int HOP = MelFraming.HOP;              // 10 ms
    private static final int WINDOW = MelFraming.WINDOW;        // 25 ms
    private static final double HZ_PER_BIN = LogMel.SAMPLE_RATE / (double) PowerSpectrum.N_FFT;
    private static final long NANOS_PER_SAMPLE = 1_000_000_000L / LogMel.SAMPLE_RATE;
    /** Levels this far below the absolute gate are dropouts, not noise. */
    private static final double DROPOUT_DB = 20;
    /** One-sided band power → mean square: 2 / (N · Σ hann²), Σ hann² = 3N/8 for a periodic Hann. */
    private static final double POWER_TO_MEAN_SQUARE = 2.0 / (WINDOW * (3.0 * WINDOW / 8));

    private final Settings settings;
    private final Consumer<VadEvent> listener;
    private final PowerSpectrum spectrum = new PowerSpectrum();
    private final float[] power = new float[PowerSpectrum.BINS];
    private final float[] frame = new float[WINDOW];
    private final float[] ring = new float[WINDOW];   // the last 400 samples, circular
    private final int lowBin;
    private final int highBin;
    private final int minSpeechFrames;
    private final int hangoverFrames;
    private final double[] levels;     // recent band levels (dBFS), circular
    private final double[] sorted;     // scratch for the percentile

    private long samples;              // samples seen
    private long frames;               // frames analysed
    private double floorDb = Double.NaN;
    private long levelCount;           // levels recorded into the window
    private boolean speaking;
    private long candidateStart = -1;  // first frame of a possible onset
    private long speechStart;          // frame where the current segment started
    private long lastSpeech;           // last frame above the offset threshold
    private long anchorSample;         // capture clock: sample index ↔ captureNanos of the latest chunk
    private long anchorNanos;

    public VoiceActivityDetector(Settings settings, Consumer<VadEvent> listener) {
        this.settings = settings;
        this.listener = listener;
        this.lowBin = (int) Math.ceil(settings.lowHz() / HZ_PER_BIN);
        this.highBin = Math.min(PowerSpectrum.BINS - 1, (int) Math.floor(settings.highHz() / HZ_PER_BIN));
        this.minSpeechFrames = Math.max(1, settings.minSpeechMillis() / 10);
        this.hangoverFrames = Math.max(1, settings.hangoverMillis() / 10);
        this.levels = new double[Math.max(1, settings.floorWindowMillis() / 10)];
        this.sorted = new double[levels.length];
    }

    /** A 16 kHz chunk; events map to its capture clock. */
    public void accept(AudioChunk chunk) {
        if (chunk.sampleRate() != LogMel.SAMPLE_RATE) {
            throw new IllegalArgumentException("the VAD needs 16 kHz audio, got " + chunk.sampleRate() + " Hz");
        }
        anchorSample = samples;
        anchorNanos = chunk.captureNanos();
        accept(chunk.pcm(), 0, chunk.length());
    }

    /** 16 kHz samples without a capture clock (events then use stream time for both clocks). */
    public void accept(float[] pcm, int offset, int length) {
        for (int i = 0; i < length; i++) {
            ring[(int) (samples % WINDOW)] = pcm[offset + i];
            samples++;
            // Frame f covers samples [160 f, 160 f + 400): analyse it once its last sample is in.
            if (samples >= WINDOW && (samples - WINDOW) % HOP == 0) {
                analyse();
            }
        }
    }

    /** End of stream: closes an open segment. */
    public void finish() {
        if (speaking) {
            end();
        }
    }

    public boolean inSpeech() {
        return speaking;
    }

    /** The tracked noise floor in dBFS (NaN before the first frame), for a level meter. */
    public double noiseFloorDbfs() {
        return floorDb;
    }

    private void analyse() {
        long first = samples - WINDOW;
        for (int i = 0; i < WINDOW; i++) {
            frame[i] = ring[(int) ((first + i) % WINDOW)];
        }
        spectrum.compute(frame, power);
        double band = 0;
        for (int k = lowBin; k <= highBin; k++) {
            band += power[k];
        }
        double level = 10 * Math.log10(band * POWER_TO_MEAN_SQUARE + 1e-12);
        long f = frames++;
        trackFloor(level);
        if (Double.isNaN(floorDb)) {
            return;
        }
        boolean loud = level >= settings.minLevelDbfs();
        boolean onset = loud && level >= floorDb + settings.onsetDb();
        boolean active = loud && level >= floorDb + settings.offsetDb();
        if (!speaking) {
            if (onset) {
                if (candidateStart < 0) {
                    candidateStart = f;
                }
                if (f - candidateStart + 1 >= minSpeechFrames) {
                    speaking = true;
                    speechStart = candidateStart;
                    lastSpeech = f;
                    candidateStart = -1;
                    listener.accept(new VadEvent.SpeechStarted(streamNanos(speechStart), captureNanos(speechStart)));
                }
            } else {
                candidateStart = -1;
            }
        } else if (active) {
            lastSpeech = f;
        } else if (f - lastSpeech >= hangoverFrames) {
            end();
        }
    }

    /** The floor: the configured percentile of the recent levels, dropouts left out. */
    private void trackFloor(double level) {
        if (level < settings.minLevelDbfs() - DROPOUT_DB) {
            return;
        }
        levels[(int) (levelCount++ % levels.length)] = level;
        int n = (int) Math.min(levelCount, levels.length);
        System.arraycopy(levels, 0, sorted, 0, n);
        Arrays.sort(sorted, 0, n);
        floorDb = sorted[(int) (settings.floorPercentile() * (n - 1))];
    }

    private void end() {
        speaking = false;
        listener.accept(new VadEvent.SpeechEnded(streamNanos(lastSpeech), captureNanos(lastSpeech),
                streamNanos(speechStart)));
    }

    /** Frame centre on the stream clock. */
    private static long streamNanos(long frameIndex) {
        return (frameIndex * HOP + WINDOW / 2) * NANOS_PER_SAMPLE;
    }

    private long captureNanos(long frameIndex) {
        long sample = frameIndex * HOP + WINDOW / 2;
        return anchorNanos + (sample - anchorSample) * NANOS_PER_SAMPLE;
    }
}
