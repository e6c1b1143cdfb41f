// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.omnidesk.runtime.engine.OmniModel;
import org.omnidesk.runtime.onnx.OrtRuntime;
import org.omnidesk.runtime.onnx.ProviderChoice;
import org.omnidesk.runtime.pkg.ModelManifest;
import org.omnidesk.runtime.pkg.VerifyListener;

/**
 * Windowed (official low-VRAM scheme) vs one-window Token2Wav on the same codes and noise: the
 * same number of samples, and no jump at a window seam larger than the largest sample-to-sample
 * step of the one-window waveform. The max difference inside windows is printed for the record.
 */
class StreamingToken2WavTest {
    static OmniModel model;

    @BeforeAll
    static void open() {
        model = OmniModel.load(Path.of(System.getProperty("omnidesk.root", "..")).resolve("packaging/export/tiny/package"),
                new OrtRuntime.Options(ProviderChoice.CPU, 1), VerifyListener.NONE);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    record Out(float[] wave, List<Integer> seams) {}

    static Out run(int[] codes, StreamingPlan.Params params) throws Exception {
        ModelManifest.Token2Wav tw = model.manifest().token2wav();
        List<float[]> chunks = new ArrayList<>();
        SpeechStream s = new SpeechStream(model.token2wav(), model.voice("Chelsie"),
                FlowOde.swayedGrid(tw.odeSteps(), (float) tw.swayCoefficient()), FlowOde.Solver.EULER,
                NoiseRows.seeded(11, tw.melDim()), params, tw.melDim(), tw.hop(), null, chunks::add);
        for (int c : codes) {
            s.add(c);
        }
        s.finish();
        int n = chunks.stream().mapToInt(a -> a.length).sum();
        float[] wave = new float[n];
        List<Integer> seams = new ArrayList<>();
        int o = 0;
        for (float[] c : chunks) {
            if (o > 0) {
                seams.add(o);
            }
            System.arraycopy(c, 0, wave, o, c.length);
            o += c.length;
        }
        return new Out(wave, seams);
    }

    @Test
    void windowSeamsAreNoLouderThanTheSignalItself() throws Exception {
        SplittableRandom r = new SplittableRandom(5);
        int[] codes = new int[230]; // 4.6 s: the first window at 60 codes, then 48-code windows and a last one
        for (int i = 0; i < codes.length; i++) {
            codes[i] = r.nextInt(8192);
        }
        Out full = run(codes, null);
        Out streamed = run(codes, StreamingPlan.OFFICIAL);
        assertEquals(full.wave().length, streamed.wave().length);
        assertEquals(240 * 2 * codes.length, streamed.wave().length);
        assertTrue(streamed.seams().size() >= 4, "expected several windows, got seams " + streamed.seams());

        double maxStep = 0;
        for (int i = 1; i < full.wave().length; i++) {
            maxStep = Math.max(maxStep, Math.abs(full.wave()[i] - full.wave()[i - 1]));
        }
        double maxDiff = 0;
        for (int i = 0; i < full.wave().length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(full.wave()[i] - streamed.wave()[i]));
        }
        double worstSeam = 0;
        for (int s : streamed.seams()) {
            worstSeam = Math.max(worstSeam, Math.abs(streamed.wave()[s] - streamed.wave()[s - 1]));
        }
        System.out.printf("streaming vs one window: max |difference| %.4f, worst seam step %.4f, "
                + "largest one-window step %.4f, %d seams%n", maxDiff, worstSeam, maxStep, streamed.seams().size());
        assertTrue(worstSeam <= maxStep, "a seam jumps by " + worstSeam + " > the signal's own max step " + maxStep);
    }
}
