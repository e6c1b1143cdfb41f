// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.omnidesk.capture.audio.AudioDecoder;
import org.omnidesk.capture.dsp.LogMel;
import org.omnidesk.capture.dsp.MelSpectrogram;
import org.omnidesk.capture.io.Npy;
import org.omnidesk.capture.io.RawF32;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code omnidesk bench mel}: log-mel of a 30 s clip on one thread and on all threads, and the
 * numpy implementation in {@code bench/mel_numpy.py} on the same clip in the same run as the
 * baseline, with the ratio and the largest difference between the two feature sets.
 */
@Command(name = "mel", mixinStandardHelpOptions = true,
        description = {"Benchmark the log-mel features: ms per clip and x real time, one thread and all threads,",
            "against numpy (bench/mel_numpy.py, run with /usr/bin/python3) on the same clip."})
final class BenchMelCommand implements Callable<Integer> {

    private static final String PYTHON = "/usr/bin/python3";
    private static final String SCRIPT = "bench/mel_numpy.py";

    @Spec
    CommandSpec spec;

    @Option(names = "--input", paramLabel = "FILE", description = "clip to use (media or .f32; default: a synthetic one)")
    Path input;

    @Option(names = "--seconds", defaultValue = "30", description = "clip length (default: ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--iterations", defaultValue = "20", description = "timed runs per variant (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--threads", description = "threads for the parallel run (default: all processors)")
    Integer threads;

    @Option(names = "--no-numpy", description = "skip the numpy baseline")
    boolean noNumpy;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int samples = (int) Math.round(seconds * LogMel.SAMPLE_RATE);
        if (samples < 1 || iterations < 1) {
            throw new IllegalArgumentException("--seconds and --iterations must be positive");
        }
        float[] clip = clip(samples);
        int parallelism = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        ForkJoinPool pool = new ForkJoinPool(parallelism);
        try {
            MelSpectrogram mel = LogMel.compute(clip);
            out.printf(Locale.ROOT, "log-mel of a %.1f s clip (%s): [128, %d], JTransforms FFT, %d timed runs each (median)%n",
                    seconds, input == null ? "synthetic" : input.getFileName(), mel.frames(), iterations);
            double one = time(() -> LogMel.compute(clip));
            row(out, "java, 1 thread", one);
            double all = time(() -> LogMel.compute(clip, pool));
            row(out, "java, " + parallelism + " threads", all);
            if (!noNumpy) {
                numpy(out, clip, mel, one, all);
            }
        } finally {
            pool.shutdown();
        }
        return 0;
    }

    private float[] clip(int samples) throws Exception {
        if (input != null) {
            float[] source = AudioInput.load(input, AudioDecoder.Range.ALL, samples);
            if (source.length == 0) {
                throw new IllegalArgumentException(input + " has no audio samples");
            }
            float[] clip = new float[samples];
            for (int i = 0; i < samples; i += source.length) {
                System.arraycopy(source, 0, clip, i, Math.min(source.length, samples - i));
            }
            return clip;
        }
        // Voiced harmonics gliding in pitch, syllable-rate loudness, a little noise: content does not change the cost.
        Random random = new Random(1);
        float[] clip = new float[samples];
        double phase = 0;
        for (int i = 0; i < samples; i++) {
            double t = i / (double) LogMel.SAMPLE_RATE;
            phase += 2 * Math.PI * (140 + 40 * Math.sin(2 * Math.PI * 0.3 * t)) / LogMel.SAMPLE_RATE;
            double voice = 0;
            for (int k = 1; k <= 12; k++) {
                voice += Math.sin(k * phase) / k;
            }
            double envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t);
            clip[i] = (float) (0.1 * envelope * voice + 0.005 * random.nextGaussian());
        }
        return clip;
    }

    /** Median milliseconds of {@code iterations} runs after as many warm-up runs. */
    private double time(Runnable run) {
        for (int i = 0; i < iterations; i++) {
            run.run();
        }
        double[] ms = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            run.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[iterations / 2];
    }

    private void row(PrintWriter out, String what, double ms) {
        out.printf(Locale.ROOT, "  %-28s %9.2f ms/clip  %8.0fx real time%n", what, ms, seconds * 1000 / ms);
    }

    private void numpy(PrintWriter out, float[] clip, MelSpectrogram mel, double one, double all) throws Exception {
        Path script = Path.of(System.getProperty("omnidesk.root", ".")).resolve(SCRIPT);
        if (!Files.isExecutable(Path.of(PYTHON)) || !Files.isRegularFile(script)) {
            out.println("  numpy baseline: skipped (needs " + PYTHON + " and " + script + ")");
            return;
        }
        Path dir = Files.createTempDirectory("omnidesk-bench-mel");
        try {
            Path clipFile = dir.resolve("clip.f32");
            Path features = dir.resolve("numpy.npy");
            RawF32.write(clipFile, clip);
            List<String> cmd = List.of(PYTHON, script.toString(), clipFile.toString(),
                    "--repeat", String.valueOf(iterations), "--warmup", String.valueOf(Math.min(iterations, 3)),
                    "--out", features.toString());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0 || !text.contains("ms_per_clip")) {
                out.println("  numpy baseline: skipped (" + PYTHON + " " + SCRIPT + " failed: "
                        + text.lines().reduce((a, b) -> b).orElse("no output") + ")");
                return;
            }
            double ms = Double.parseDouble(value(text, "ms_per_clip"));
            row(out, "numpy " + value(text, "numpy"), ms);
            out.printf(Locale.ROOT, "  ratio numpy/java: %.2fx (1 thread), %.2fx (all threads)%n", ms / one, ms / all);
            float[] theirs = Npy.readFloat32(features).data();
            double worst = 0;
            for (int i = 0; i < theirs.length && i < mel.mel().length; i++) {
                worst = Math.max(worst, Math.abs(theirs[i] - mel.mel()[i]));
            }
            out.printf(Locale.ROOT, "  max |java - numpy| over the features: %.2e (%s)%n", worst,
                    theirs.length == mel.mel().length ? "same shape" : "SHAPES DIFFER");
        } finally {
            deleteAll(dir);
        }
    }

    private static String value(String text, String key) {
        return text.lines().filter(l -> l.startsWith(key + " ")).map(l -> l.substring(key.length() + 1).strip())
                .findFirst().orElse("?");
    }

    private static void deleteAll(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (var stream = Files.list(dir)) {
            stream.forEach(files::add);
        }
        for (Path f : files) {
            Files.deleteIfExists(f);
        }
        Files.deleteIfExists(dir);
    }
}
