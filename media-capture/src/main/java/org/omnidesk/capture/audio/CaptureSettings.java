// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.audio;

/**
 * How an {@code AudioSource} hands out audio: {@code blockSamples} 16 kHz samples per block,
 * at most {@code queueBlocks} blocks waiting for the consumer, and, for files,
 * {@code realTime} pacing (a file then behaves exactly like a microphone: blocks arrive at
 * the speed of speech and overruns drop the oldest; without it the file is read as fast as
 * the consumer takes it).
 */
public record CaptureSettings(int blockSamples, int queueBlocks, boolean realTime) {

    /** 20 ms blocks, 5 s of queue, real time. */
    public static final CaptureSettings DEFAULT = new CaptureSettings(320, 250, true);

    public CaptureSettings {
        if (blockSamples < 1 || queueBlocks < 1) {
            throw new IllegalArgumentException("blockSamples and queueBlocks must be >= 1, got "
                    + blockSamples + " and " + queueBlocks);
        }
    }

    public CaptureSettings withRealTime(boolean value) {
        return new CaptureSettings(blockSamples, queueBlocks, value);
    }
}
