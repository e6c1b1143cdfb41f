// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.video;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.DoubleConsumer;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.vision.Patchify;
import org.omnidesk.capture.vision.PatchSink;
import org.omnidesk.capture.vision.Size;

/**
 * Video file → Qwen2.5-Omni {@code pixel_values_videos}: index the frames, pick them with
 * qwen-omni-utils' rules, decode only those (seeking past what is not needed), resize each with
 * the Pillow bicubic kernel (antialiased, a = −0.5; torchvision's uint8 antialiased bicubic is the
 * same filter up to ±1 level), and patchify consecutive pairs. Memory holds a few frames and one
 * grid at a time.
 */
public final class VideoSampler {

    /** Share of the progress the packet scan takes; decoding takes the rest. */
    private static final double SCAN_SHARE = 0.1;

    private VideoSampler() {
    }

    /** {@link #sample(Path, VideoOptions, PatchSink, DoubleConsumer, Executor)} resizing on the calling thread. */
    public static SampledVideo sample(Path path, VideoOptions options, PatchSink sink, DoubleConsumer progress)
            throws MediaException, IOException {
        return sample(path, options, sink, progress, Runnable::run);
    }

    /**
     * Samples {@code path}, sending pixel values to {@code sink} grid by grid (called from
     * {@code worker}, in order); {@code progress} receives 0…1 (scan, then decoded frames).
     * Resizing and patchifying run on {@code worker} while the caller's thread decodes.
     */
    public static SampledVideo sample(Path path, VideoOptions options, PatchSink sink, DoubleConsumer progress,
                                      Executor worker) throws MediaException, IOException {
        VideoIndex index = VideoIndex.scan(path, p -> progress.accept(SCAN_SHARE * p));
        int total = index.frames();
        int n = FrameSampling.nframes(total, index.averageFps, options);
        int[] indices = FrameSampling.indices(total, n);
        Size source = index.displaySize();
        Size resized = FrameSampling.frameSize(source, n, options);
        double sampleFps = FrameSampling.sampleFps(n, total, index.averageFps);
        double secondPerGrid = Patchify.TEMPORAL / (options.nominalFps() ? VideoOptions.PROCESSOR_FPS : sampleFps);
        int gridT = (n + 1) / Patchify.TEMPORAL;
        int gridH = Patchify.gridH(resized);
        int gridW = Patchify.gridW(resized);
        sink.begin(gridT, gridH, gridW);

        double[] times = new double[n];
        FramePipeline pipeline = new FramePipeline(resized, sink, worker);
        try (FrameReader reader = FrameReader.open(index)) {
            reader.read(indices, (k, frame, pts) -> {
                times[k] = index.secondsFromStart(pts);
                pipeline.accept(frame);
                progress.accept(SCAN_SHARE + (1 - SCAN_SHARE) * (k + 1) / n);
            });
        } catch (MediaException | IOException | RuntimeException e) {
            pipeline.abandon();
            throw e;
        }
        pipeline.finish();
        return new SampledVideo(path, source, resized, total, index.averageFps, indices, times, sampleFps,
                secondPerGrid, gridT, gridH, gridW, index.hasAudio, index.startSeconds(), index.endSeconds());
    }
}
