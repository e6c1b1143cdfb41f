// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.api;

import java.util.Arrays;

/**
 * An immutable block of mono float PCM in [-1, 1]: {@code captureNanos} is the
 * {@link System#nanoTime()} clock at its first sample (a synthetic clock for file-backed
 * sources). The samples are copied in and copied out, so a chunk can cross threads freely.
 */
public record AudioChunk(float[] pcm, int sampleRate, long captureNanos) {

    public AudioChunk {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate must be > 0, got " + sampleRate);
        }
        pcm = pcm.clone();
    }

    /** A copy of the samples. */
    @Override
    public float[] pcm() {
        return pcm.clone();
    }

    public int length() {
        return pcm.length;
    }

    public float sample(int i) {
        return pcm[i];
    }

    /** Copies the samples into {@code dst} at {@code offset}, without allocating. */
    public void copyTo(float[] dst, int offset) {
        System.arraycopy(pcm, 0, dst, offset, pcm.length);
    }

    public long durationNanos() {
        return pcm.length * 1_000_000_000L / sampleRate;
    }

    /** Root mean square level, for a level meter. */
    public float rms() {
        double sum = 0;
        for (float v : pcm) {
            sum += v * v;
        }
        return pcm.length == 0 ? 0f : (float) Math.sqrt(sum / pcm.length);
    }

    /** Largest absolute sample. */
    public float peak() {
        float max = 0f;
        for (float v : pcm) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AudioChunk c && c.sampleRate == sampleRate && c.captureNanos == captureNanos
                && Arrays.equals(c.pcm, pcm);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(pcm) + sampleRate) + Long.hashCode(captureNanos);
    }

    @Override
    public String toString() {
        return "AudioChunk[" + pcm.length + " samples @ " + sampleRate + " Hz, captureNanos=" + captureNanos + "]";
    }
}
