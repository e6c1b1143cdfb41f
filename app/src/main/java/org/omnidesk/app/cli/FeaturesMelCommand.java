// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.omnidesk.capture.audio.AudioDecoder;
import org.omnidesk.capture.dsp.LogMel;
import org.omnidesk.capture.dsp.MelSpectrogram;
import org.omnidesk.capture.io.Npy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code omnidesk features mel INPUT --out F.npy}: the Qwen2.5-Omni log-mel of a media file or raw 16 kHz PCM. */
@Command(name = "mel", mixinStandardHelpOptions = true,
        description = {"Write the Qwen2.5-Omni log-mel features [128, frames] of INPUT as float32 .npy.",
            "INPUT: any audio/video file (decoded to 16 kHz mono) or raw 16 kHz mono float32 LE (.f32, used as is).",
            "Audio past 300 s is cut, as the model's own preprocessing does."})
final class FeaturesMelCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "media file or .f32")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "F.npy", description = "output .npy file")
    Path out;

    @Option(names = "--start", paramLabel = "SECONDS", defaultValue = "0", description = "start of the audio to use")
    double start;

    @Option(names = "--end", paramLabel = "SECONDS", description = "end of the audio to use (default: to the end)")
    Double end;

    @Override
    public Integer call() throws Exception {
        AudioDecoder.Range range = new AudioDecoder.Range(start, end == null ? Double.POSITIVE_INFINITY : end);
        // One sample past 300 s is enough to know the clip was cut.
        float[] pcm = AudioInput.load(input, range, LogMel.MAX_SAMPLES + 1);
        if (pcm.length == 0) {
            throw new IllegalArgumentException(input + " has no audio samples in the chosen range");
        }
        MelSpectrogram mel = LogMel.compute(pcm);
        Npy.writeFloat32(out, mel.mel(), LogMel.MEL_BINS, mel.frames());
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "%s: [%d, %d] log-mel of %.2f s of audio%n", out, LogMel.MEL_BINS, mel.frames(),
                Math.min(pcm.length, LogMel.MAX_SAMPLES) / (double) LogMel.SAMPLE_RATE);
        mel.warning().ifPresent(text -> spec.commandLine().getErr().println("warning: " + input + ": " + text));
        return 0;
    }
}
