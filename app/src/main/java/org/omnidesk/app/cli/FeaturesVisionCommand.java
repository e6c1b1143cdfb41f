// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.io.Npy;
import org.omnidesk.capture.io.NpyPatchSink;
import org.omnidesk.capture.video.SampledVideo;
import org.omnidesk.capture.video.VideoOptions;
import org.omnidesk.capture.video.VideoSampler;
import org.omnidesk.capture.vision.ImageHeader;
import org.omnidesk.capture.vision.ImagePatches;
import org.omnidesk.capture.vision.Patchify;
import org.omnidesk.capture.vision.SmartResize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code omnidesk features vision FILE --out DIR}: pixel_values.npy + meta.json for an image or a video. */
@Command(name = "vision", mixinStandardHelpOptions = true,
        description = {"Qwen2.5-Omni vision input for an image (PNG, JPEG, WebP, BMP, GIF) or a video:",
            "DIR/pixel_values.npy (float32 [N, 1176]) and DIR/meta.json (grid_thw, resized_hw, frame_indices,",
            "frame_times_s, second_per_grid, sample_fps, has_audio)."})
final class FeaturesVisionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "image or video file")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (created)")
    Path out;

    @Option(names = "--fps", defaultValue = "2.0", description = "video frames sampled per second (default ${DEFAULT-VALUE})")
    double fps;

    @Option(names = "--max-frames", defaultValue = "768", description = "most video frames (default ${DEFAULT-VALUE})")
    int maxFrames;

    @Option(names = "--min-pixels", description = "per-picture lower pixel bound (image 3136, video 100352)")
    Double minPixels;

    @Option(names = "--max-pixels", description = "per-picture upper pixel bound (image 12845056; video: the frame budget)")
    Double maxPixels;

    @Option(names = "--nominal-fps", description = "second_per_grid from the nominal 2 fps (as Qwen's processor) instead of the real sampling rate")
    boolean nominalFps;

    @Override
    public Integer call() throws MediaException, IOException {
        Files.createDirectories(out);
        Map<String, Object> meta = ImageHeader.sniff(file).isPresent() ? image() : video();
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("meta.json").toFile(), meta);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("grid_thw " + meta.get("grid_thw") + ", resized_hw " + meta.get("resized_hw") + " -> "
                + out.resolve("pixel_values.npy"));
        return 0;
    }

    private Map<String, Object> image() throws MediaException, IOException {
        ImagePatches p = ImagePatches.load(file, minPixels != null ? minPixels : SmartResize.IMAGE_MIN_PIXELS,
                maxPixels != null ? maxPixels : SmartResize.IMAGE_MAX_PIXELS);
        Npy.writeFloat32(out.resolve("pixel_values.npy"), p.pixelValues(), p.gridH() * p.gridW(), Patchify.PATCH_DIM);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("kind", "image");
        meta.put("grid_thw", List.of(1, p.gridH(), p.gridW()));
        meta.put("resized_hw", List.of(p.resized().height(), p.resized().width()));
        meta.put("source_hw", List.of(p.source().height(), p.source().width()));
        meta.put("frame_indices", List.of());
        meta.put("frame_times_s", List.of());
        meta.put("second_per_grid", 0.0);
        meta.put("sample_fps", 0.0);
        meta.put("has_audio", false);
        return meta;
    }

    private Map<String, Object> video() throws MediaException, IOException {
        VideoOptions options = VideoOptions.defaults().withFps(fps).withMaxFrames(maxFrames)
                .withPixels(minPixels != null ? minPixels : VideoOptions.MIN_PIXELS,
                        maxPixels != null ? maxPixels : Double.POSITIVE_INFINITY)
                .withNominalFps(nominalFps);
        PrintWriter err = spec.commandLine().getErr();
        int[] shown = {-1};
        SampledVideo v;
        ExecutorService worker = Workers.single("video-preprocess");
        try (NpyPatchSink sink = new NpyPatchSink(out.resolve("pixel_values.npy"))) {
            v = VideoSampler.sample(file, options, sink, p -> {
                int tenth = (int) (p * 10);
                if (tenth > shown[0]) {
                    shown[0] = tenth;
                    err.printf("sampling %s: %d%%%n", file.getFileName(), tenth * 10);
                }
            }, worker);
        } finally {
            worker.shutdown();
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("kind", "video");
        meta.put("grid_thw", List.of(v.gridT(), v.gridH(), v.gridW()));
        meta.put("resized_hw", List.of(v.resized().height(), v.resized().width()));
        meta.put("source_hw", List.of(v.source().height(), v.source().width()));
        meta.put("frame_indices", v.frameIndices());
        meta.put("frame_times_s", v.frameTimesSeconds());
        meta.put("second_per_grid", v.secondPerGrid());
        meta.put("sample_fps", v.sampleFps());
        meta.put("video_fps", v.videoFps());
        meta.put("total_frames", v.totalFrames());
        meta.put("has_audio", v.hasAudio());
        meta.put("audio_span_s", List.of(v.startSeconds(), v.endSeconds()));
        return meta;
    }
}
