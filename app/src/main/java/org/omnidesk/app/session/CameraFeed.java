// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.session;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.omnidesk.app.media.Cameras;
import org.omnidesk.app.media.Thumbnails;
import org.omnidesk.capture.api.CameraDevice;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.api.VideoFrame;
import org.omnidesk.capture.api.VideoSource;
import org.omnidesk.capture.video.LiveVideoSampler;
import org.omnidesk.capture.video.VideoOptions;
import org.omnidesk.ui.fx.ArgbImage;

/**
 * The camera while it is on: the source captures (keeping only the newest picture) on a capture
 * thread; the timer takes the newest picture ~15 times a second for the preview, shrunk to the
 * preview's size. A spoken turn samples the same source at 2 fps ({@link #sampler()}).
 */
final class CameraFeed implements AutoCloseable {

    interface Listener {
        /** A new preview picture, or null when the camera went off. */
        void preview(ArgbImage frame);

        void problem(String message);
    }

    static final int PREVIEW_W = 320;
    static final int PREVIEW_H = 240;
    private static final long PREVIEW_PERIOD_MS = 66;

    private final Cameras cameras;
    private final Executor capture;
    private final ScheduledExecutorService timer;
    private final Listener listener;
    private VideoSource source;
    private ScheduledFuture<?> preview;
    private long lastSequence = -1;

    CameraFeed(Cameras cameras, Executor capture, ScheduledExecutorService timer, Listener listener) {
        this.cameras = cameras;
        this.capture = capture;
        this.timer = timer;
        this.listener = listener;
    }

    /** Turns the camera on with {@code device} (off and on again when it changes); null turns it off. */
    synchronized void use(CameraDevice device) {
        stop();
        if (device == null) {
            return;
        }
        VideoSource opened = cameras.open(device);
        try {
            opened.start(capture);
        } catch (MediaException | RuntimeException e) {
            opened.close();
            listener.problem(e.getMessage());
            return;
        }
        source = opened;
        lastSequence = -1;
        preview = timer.scheduleAtFixedRate(this::showNewest, 0, PREVIEW_PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /** A 2 fps sampler for a turn on the running camera, if it is on. */
    synchronized Optional<LiveVideoSampler> sampler() {
        return source == null || source.finished() ? Optional.empty()
                : Optional.of(new LiveVideoSampler(source, VideoOptions.defaults()));
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    private synchronized void showNewest() {
        if (source == null) {
            return;
        }
        Optional<VideoFrame> newest = source.latest();
        if (newest.isPresent() && newest.get().sequence() != lastSequence) {
            VideoFrame f = newest.get();
            lastSequence = f.sequence();
            listener.preview(Thumbnails.of(f.width(), f.height(), f.rgb(), PREVIEW_W, PREVIEW_H));
        } else if (source.finished()) {
            listener.problem(source.device().name() + " stopped sending pictures; turn the camera off and on");
            stop();
        }
    }

    private void stop() {
        if (preview != null) {
            preview.cancel(false);
            preview = null;
        }
        if (source != null) {
            source.close();
            source = null;
            listener.preview(null);
        }
    }

    @Override
    public synchronized void close() {
        stop();
    }
}
