// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.engine;

import java.util.List;
import org.omnidesk.runtime.api.AudioFeatures;
import org.omnidesk.runtime.api.VisionFeatures;

/** Joins what a live turn recorded into one video and one audio, as if they came from a file. */
final class LiveFrames {

    private LiveFrames() {
    }

    /** Frame pairs (one temporal grid each, same h×w) → one video [Σt·h·w, 1176]; patch rows concatenate along t. */
    static VisionFeatures join(List<VisionFeatures> pairs) {
        VisionFeatures first = pairs.get(0);
        int t = 0;
        int n = 0;
        for (VisionFeatures p : pairs) {
            if (p.gridH() != first.gridH() || p.gridW() != first.gridW()) {
                throw new IllegalArgumentException("camera frames changed size during the turn");
            }
            t += p.gridT();
            n += p.pixelValues().length;
        }
        float[] pixels = new float[n];
        double[] times = new double[pairs.stream().mapToInt(p -> p.frameTimesSeconds().length).sum()];
        int o = 0;
        int k = 0;
        for (VisionFeatures p : pairs) {
            System.arraycopy(p.pixelValues(), 0, pixels, o, p.pixelValues().length);
            o += p.pixelValues().length;
            for (double s : p.frameTimesSeconds()) {
                times[k++] = s;
            }
        }
        return new VisionFeatures(pixels, t, first.gridH(), first.gridW(), first.secondPerGrid(), times);
    }

    /** Mel blocks [128, f_i] → [128, Σf_i] (bin-major, so each bin's row is concatenated). */
    static AudioFeatures joinAudio(List<AudioFeatures> blocks) {
        int frames = blocks.stream().mapToInt(AudioFeatures::frames).sum();
        float[] mel = new float[AudioFeatures.MEL_BINS * frames];
        int offset = 0;
        for (AudioFeatures b : blocks) {
            for (int bin = 0; bin < AudioFeatures.MEL_BINS; bin++) {
                System.arraycopy(b.mel(), bin * b.frames(), mel, bin * frames + offset, b.frames());
            }
            offset += b.frames();
        }
        return new AudioFeatures(mel, frames, null);
    }
}
