// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.video;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.api.MediaException.Kind;
import org.omnidesk.capture.api.VideoFrame;
import org.omnidesk.capture.api.VideoSource;
import org.omnidesk.capture.vision.PatchSink;
import org.omnidesk.capture.vision.Patchify;
import org.omnidesk.capture.vision.PilBicubic;
import org.omnidesk.capture.vision.RgbImage;
import org.omnidesk.capture.vision.Size;

/**
 * Camera frames for a live turn at 2 fps on the TMRoPE clock: tick k falls at origin + k·0.5 s,
 * where origin is the turn's audio start, and takes the newest frame captured by then. Two ticks
 * make one temporal grid spanning exactly 1 s = 25 positions of 40 ms, so video grid k lines up
 * with audio tokens 25k… (second_per_grid 1.0). Frames are resized as they are taken (the
 * per-frame budget of up to 300 frames; longer turns are resized again to the smaller budget),
 * and patchified when the turn ends.
 */
public final class LiveVideoSampler {

    /** Ticks per second: Qwen's 2 fps. */
    public static final double FPS = VideoOptions.FPS;
    private static final long TICK_NANOS = (long) (1e9 / FPS);
    /** Frames up to which the per-frame budget stays at 768·28·28 (total_pixels / n · 2 ≥ that). */
    private static final int FULL_BUDGET_FRAMES = 2;

    private final VideoSource source;
    private final VideoOptions options;
    private final List<RgbImage> frames = new ArrayList<>();
    private long origin;
    private int ticksTaken;
    private boolean running;
    private Size sourceSize;
    private Size resized;
    private PilBicubic.Plan plan;
    private ScheduledFuture<?> ticker;

    public LiveVideoSampler(VideoSource source, VideoOptions options) {
        this.source = source;
        this.options = options;
    }

    /** Starts taking frames; {@code originNanos} (System.nanoTime clock) is the turn's time zero. */
    public synchronized void begin(long originNanos, ScheduledExecutorService scheduler) {
        if (running) {
            throw new IllegalStateException("already sampling " + source.device().name());
        }
        running = true;
        origin = originNanos;
        ticksTaken = 0;
        frames.clear();
        long firstDelay = Math.max(0, originNanos - System.nanoTime());
        ticker = scheduler.scheduleAtFixedRate(this::tick, firstDelay, TICK_NANOS, TimeUnit.NANOSECONDS);
    }

    /**
     * Stops, takes any tick that fell due before now but has not run, and writes the frames as
     * pixel values to {@code sink}; an odd count repeats the last frame.
     */
    public SampledVideo end(PatchSink sink) throws MediaException, IOException {
        synchronized (this) {
            if (!running) {
                throw new IllegalStateException("not sampling " + source.device().name());
            }
            ticker.cancel(false);
            takeDueTicks(System.nanoTime());
            running = false;
        }
        Path name = source.device().asPath();
        if (frames.isEmpty()) {
            throw new MediaException(Kind.DEVICE_UNAVAILABLE, name, "no camera picture arrived during the turn");
        }
        int n = frames.size();
        Size target = FrameSampling.frameSize(sourceSize, n, options);
        int gridT = (n + 1) / Patchify.TEMPORAL;
        sink.begin(gridT, Patchify.gridH(target), Patchify.gridW(target));
        float[] rows = new float[Patchify.valuesPerGrid(target)];
        PilBicubic.Plan again = target.equals(resized) ? null
                : PilBicubic.plan(resized.width(), resized.height(), target.width(), target.height());
        for (int t = 0; t < gridT; t++) {
            RgbImage a = fit(frames.get(2 * t), again);
            RgbImage b = 2 * t + 1 < n ? fit(frames.get(2 * t + 1), again) : a;
            Patchify.pair(a, b, rows, 0);
            sink.grid(t, rows);
        }
        int[] indices = new int[n];
        double[] times = new double[n];
        for (int k = 0; k < n; k++) {
            indices[k] = k;
            times[k] = k / FPS;
        }
        frames.clear();
        return new SampledVideo(name, sourceSize, target, n, FPS, indices, times, FPS, Patchify.TEMPORAL / FPS,
                gridT, Patchify.gridH(target), Patchify.gridW(target), false, 0, n / FPS);
    }

    private static RgbImage fit(RgbImage frame, PilBicubic.Plan again) {
        return again == null ? frame : again.apply(frame);
    }

    private synchronized void tick() {
        if (running) {
            takeDueTicks(System.nanoTime());
        }
    }

    /** Takes every tick at or before {@code now} not taken yet; before the first picture they wait. */
    private void takeDueTicks(long now) {
        long due = (now - origin) / TICK_NANOS + 1;
        while (ticksTaken < due) {
            Optional<VideoFrame> latest = source.latest();
            if (latest.isEmpty()) {
                return; // camera still starting: these ticks take the first picture when it comes
            }
            VideoFrame frame = latest.get();
            try {
                RgbImage small = shrink(frame);
                while (ticksTaken < due) {
                    frames.add(small);
                    ticksTaken++;
                }
            } finally {
                source.release(frame);
            }
        }
    }

    private RgbImage shrink(VideoFrame frame) {
        Size size = new Size(frame.height(), frame.width());
        if (!size.equals(sourceSize)) {
            sourceSize = size;
            resized = FrameSampling.frameSize(size, FULL_BUDGET_FRAMES, options);
            plan = PilBicubic.plan(size.width(), size.height(), resized.width(), resized.height());
            frames.replaceAll(f -> PilBicubic.resize(f, resized.width(), resized.height()));
        }
        // The frame is ours until released; a pooled buffer longer than the picture is trimmed.
        byte[] pixels = frame.rgb().length == frame.byteCount() ? frame.rgb()
                : Arrays.copyOf(frame.rgb(), frame.byteCount());
        return plan.apply(new RgbImage(frame.width(), frame.height(), pixels));
    }
}
