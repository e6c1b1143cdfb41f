// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.fake;

import java.time.Duration;
import java.util.Map;

/**
 * How fast the scripted engine replays: one text delta per {@code step}; with speech on, each
 * delta also yields {@code samplesPerDelta} PCM samples at {@code sampleRate}, {@code speechLag}
 * steps behind the text (the Talker runs behind the Thinker).
 */
public record Pacing(Duration step, int sampleRate, int samplesPerDelta, int speechLag) {

    public Pacing {
        if (step.isNegative()) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        if (sampleRate < 8000 || samplesPerDelta < 1 || speechLag < 0) {
            throw new IllegalArgumentException("bad pacing: rate " + sampleRate + ", samples/delta "
                    + samplesPerDelta + ", lag " + speechLag);
        }
    }

    /** 25 deltas per second, 0.25 s of 24 kHz speech per delta, two steps behind the text. */
    public static Pacing natural() {
        return new Pacing(Duration.ofMillis(40), 24_000, 6_000, 2);
    }

    /**
     * {@link #natural()} with the provider settings {@code step_ms} and {@code samples_per_delta}
     * applied where present.
     */
    public static Pacing fromSettings(Map<String, String> settings) {
        Pacing base = natural();
        Duration step = settings.containsKey("step_ms")
                ? Duration.ofMillis(Long.parseLong(settings.get("step_ms"))) : base.step();
        int samples = settings.containsKey("samples_per_delta")
                ? Integer.parseInt(settings.get("samples_per_delta")) : base.samplesPerDelta();
        return new Pacing(step, base.sampleRate(), samples, base.speechLag());
    }
}
