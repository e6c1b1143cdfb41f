// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.video;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.omnidesk.capture.api.CameraDevice;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.api.VideoFrame;
import org.omnidesk.capture.api.VideoSource;
import org.omnidesk.capture.vision.Orientation;
import org.omnidesk.capture.vision.RgbImage;

/**
 * The one capture loop behind {@link Webcam} and {@link FileCamera}: a task grabs BGR frames from a
 * javacv grabber, turns them into RGB (display orientation) in pooled buffers and publishes each
 * into a keep-latest slot with its capture time. A camera is stamped when its frame arrives; a
 * file is paced to real time by its own timestamps and stamped with the time it is shown.
 */
final class CameraSource implements VideoSource {

    /** A started grabber, how to take its next picture, and the orientation to show it in. */
    record Opened(FrameGrabber grabber, Grab grab, int orientation) {
    }

    @FunctionalInterface
    interface Grab {
        /** The next picture, or null at the end of the input. */
        Frame next() throws FrameGrabber.Exception;
    }

    /** Opens and starts the grabber; called once, on the capture task. */
    @FunctionalInterface
    interface Opener {
        Opened open() throws MediaException;
    }

    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final CameraDevice device;
    private final Opener opener;
    private final boolean paced;
    private final boolean loop;
    private final MediaException.Kind failureKind;
    private final LatestFrame slot = new LatestFrame();
    private final AtomicBoolean started = new AtomicBoolean();
    /** Completes when the capture task has let go of the grabber. */
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile boolean closing;

    /**
     * @param paced       show frames at their own timestamps (a file); false: as fast as they come (a device)
     * @param loop        restart a file at its end
     * @param failureKind the kind a grab failure is reported as
     */
    CameraSource(CameraDevice device, Opener opener, boolean paced, boolean loop, MediaException.Kind failureKind) {
        this.device = device;
        this.opener = opener;
        this.paced = paced;
        this.loop = loop;
        this.failureKind = failureKind;
    }

    @Override
    public CameraDevice device() {
        return device;
    }

    /**
     * Submits the capture task and waits until it has opened the input: the grabber is opened,
     * read and closed on that one thread (camera backends such as AVFoundation want that).
     */
    @Override
    public void start(Executor executor) throws MediaException {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException(device.name() + " was already started");
        }
        CompletableFuture<Void> ready = new CompletableFuture<>();
        try {
            executor.execute(() -> run(ready));
        } catch (RuntimeException e) {
            slot.end(null);
            done.complete(null);
            throw e;
        }
        try {
            ready.get();
        } catch (ExecutionException e) {
            throw (MediaException) e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new MediaException(failureKind, device.asPath(), "interrupted while opening");
        }
    }

    private void run(CompletableFuture<Void> ready) {
        Opened opened;
        try {
            opened = opener.open();
        } catch (MediaException | RuntimeException e) {
            MediaException failure = e instanceof MediaException m ? m
                    : new MediaException(failureKind, device.asPath(), e.getMessage(), e);
            slot.end(failure);
            done.complete(null);
            ready.completeExceptionally(failure);
            return;
        }
        ready.complete(null);
        MediaException failure = null;
        try {
            long clockStart = System.nanoTime();
            long firstTimestamp = Long.MIN_VALUE;
            while (!closing) {
                Frame frame = opened.grab().next();
                if (frame == null || frame.image == null) {
                    if (!loop || firstTimestamp == Long.MIN_VALUE) {
                        break;
                    }
                    opened.grabber().setTimestamp(0);
                    clockStart = System.nanoTime();
                    firstTimestamp = Long.MIN_VALUE;
                    continue;
                }
                long captureNanos = System.nanoTime();
                if (paced) {
                    if (firstTimestamp == Long.MIN_VALUE) {
                        firstTimestamp = frame.timestamp;
                    }
                    captureNanos = clockStart + (frame.timestamp - firstTimestamp) * 1_000;
                    sleepUntil(captureNanos);
                }
                publish(frame, captureNanos, opened.orientation());
            }
        } catch (FrameGrabber.Exception | RuntimeException e) {
            failure = new MediaException(failureKind, device.asPath(), e.getMessage(), e);
        } finally {
            closeQuietly(opened.grabber());
            slot.end(failure);
            done.complete(null);
        }
    }

    /** BGR rows (possibly padded) → RGB without padding, turned to display orientation. */
    private void publish(Frame frame, long captureNanos, int orientation) {
        int w = frame.imageWidth;
        int h = frame.imageHeight;
        int stride = frame.imageStride;
        ByteBuffer bgr = (ByteBuffer) frame.image[0];
        byte[] rgb = orientation == Orientation.NORMAL ? slot.buffer(w * h * 3) : new byte[w * h * 3];
        byte[] row = new byte[w * 3];
        for (int y = 0; y < h; y++) {
            bgr.get(y * stride, row);
            for (int x = 0, p = y * w * 3; x < w * 3; x += 3, p += 3) {
                rgb[p] = row[x + 2];
                rgb[p + 1] = row[x + 1];
                rgb[p + 2] = row[x];
            }
        }
        if (orientation == Orientation.NORMAL) {
            slot.publish(w, h, rgb, captureNanos);
            return;
        }
        RgbImage shown = Orientation.apply(new RgbImage(w, h, rgb), orientation);
        byte[] pooled = slot.buffer(shown.rgb().length);
        System.arraycopy(shown.rgb(), 0, pooled, 0, pooled.length);
        slot.publish(shown.width(), shown.height(), pooled, captureNanos);
    }

    private void sleepUntil(long deadline) {
        long wait;
        while (!closing && (wait = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /** Closes a grabber whose failure (if any) was already reported. */
    static void closeQuietly(FrameGrabber grabber) {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception e) {
            // nothing left to tell the user: the open or grab error came first
        }
    }

    @Override
    public Optional<VideoFrame> latest() {
        return slot.latest();
    }

    @Override
    public Optional<VideoFrame> awaitNewer(long afterSequence, Duration timeout)
            throws InterruptedException, MediaException {
        return slot.awaitNewer(afterSequence, timeout.toNanos());
    }

    @Override
    public void release(VideoFrame frame) {
        slot.release(frame);
    }

    @Override
    public boolean finished() {
        return slot.ended();
    }

    /** Stops the task and waits (briefly: a grab returns within a frame interval) until it closed the grabber. */
    @Override
    public void close() {
        closing = true;
        if (started.get()) {
            done.completeOnTimeout(null, CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS).join();
        }
    }
}
