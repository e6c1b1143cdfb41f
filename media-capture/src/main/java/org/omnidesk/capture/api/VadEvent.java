// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.api;

/**
 * Speech start / end from the voice activity detector. {@code streamNanos} is the position in
 * the audio stream (from its first sample); {@code captureNanos} the same instant on the
 * capture clock of the {@link AudioChunk}s. Ends are reported after the hangover has passed,
 * but carry the time the speech actually stopped.
 */
public sealed interface VadEvent {

    long streamNanos();

    long captureNanos();

    record SpeechStarted(long streamNanos, long captureNanos) implements VadEvent {}

    record SpeechEnded(long streamNanos, long captureNanos, long startStreamNanos) implements VadEvent {
        public long durationNanos() {
            return streamNanos - startStreamNanos;
        }
    }
}
