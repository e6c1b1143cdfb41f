// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.api;

/**
 * One camera picture: 8-bit RGB, rows top to bottom without padding ({@code rgb} holds at least
 * width·height·3 bytes; a pooled buffer may be longer). {@code captureNanos} is on the
 * {@link System#nanoTime()} clock, {@code sequence} counts frames from 0.
 *
 * <p>Sources reuse buffers: a frame stays valid until handed back with
 * {@link VideoSource#release(VideoFrame)}; consumers that never release simply leave it to the GC.
 */
public record VideoFrame(int width, int height, byte[] rgb, long captureNanos, long sequence) {

    public VideoFrame {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive: " + width + "x" + height);
        }
        if (rgb.length < width * height * 3) {
            throw new IllegalArgumentException("rgb holds " + rgb.length + " bytes, " + width + "x" + height
                    + " needs " + width * height * 3);
        }
    }

    /** Bytes of pixel data: width·height·3. */
    public int byteCount() {
        return width * height * 3;
    }
}
