// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.omnidesk.runtime.api.GenerationSettings;
import org.omnidesk.ui.settings.SettingsViewModel;

/**
 * Everything the user chooses, as stored in {@code settings.json}. Missing keys take the
 * defaults of {@link #defaults()}; unknown keys are ignored (files from newer versions load).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Settings(String voice, boolean speech, String provider, String theme, boolean useVideoSound,
                       boolean handsFree, boolean bargeIn, String microphone, String camera,
                       String engine, String activeModel, Sampling sampling, WindowBounds window) {


    /** Generation overrides; {@code null} = the model package's default. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sampling(boolean greedy, Double temperature, Double topP, Integer topK,
                           Double repetitionPenalty, Integer maxNewTokens) {

        public Sampling {
            requireRange("temperature", temperature, 0, 2);
            requireRange("topP", topP, 0, 1);
            requireRange("topK", topK == null ? null : topK.doubleValue(), 0, 1000);
            requireRange("repetitionPenalty", repetitionPenalty, 0.5, 2);
            requireRange("maxNewTokens", maxNewTokens == null ? null : maxNewTokens.doubleValue(), 1, 32768);
        }

        public static Sampling packageDefaults() {
            return new Sampling(false, null, null, null, null, null);
        }

        public GenerationSettings toGeneration() {
            return new GenerationSettings(greedy,
                    temperature == null ? OptionalDouble.empty() : OptionalDouble.of(temperature),
                    topK == null ? OptionalInt.empty() : OptionalInt.of(topK),
                    topP == null ? OptionalDouble.empty() : OptionalDouble.of(topP),
                    repetitionPenalty == null ? OptionalDouble.empty() : OptionalDouble.of(repetitionPenalty),
                    maxNewTokens == null ? OptionalInt.empty() : OptionalInt.of(maxNewTokens), OptionalLong.empty());
        }

        private static void requireRange(String name, Double value, double min, double max) {
            if (value != null && !(value >= min && value <= max)) {
                throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
            }
        }
    }

    /** The main window's last position and size, in screen coordinates. */
    public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
        public WindowBounds {
            if (!(width >= 200 && height >= 150)) {
                throw new IllegalArgumentException("window too small: " + width + "x" + height);
            }
        }
    }

    public Settings {
        voice = pick("voice", voice, SettingsViewModel.VOICES);
        provider = pick("provider", provider, SettingsViewModel.PROVIDERS);
        theme = pick("theme", theme, SettingsViewModel.THEMES);
        sampling = sampling == null ? Sampling.packageDefaults() : sampling;
        engine = engine == null || engine.isBlank() ? "local" : engine;
    }

    public static Settings defaults() {
        return new Settings("Chelsie", true, "auto", "light", true, false, true, null, null,
                "local", null, Sampling.packageDefaults(), null);
    }

    private static String pick(String name, String value, List<String> allowed) {
        if (value == null) {
            return allowed.get(0);
        }
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException(name + " must be one of " + allowed + ", got '" + value + "'");
        }
        return value;
    }

    public Settings withWindow(WindowBounds bounds) {
        return new Settings(voice, speech, provider, theme, useVideoSound, handsFree, bargeIn, microphone, camera,
                engine, activeModel, sampling, bounds);
    }

    public Settings withActiveModel(String modelId) {
        return new Settings(voice, speech, provider, theme, useVideoSound, handsFree, bargeIn, microphone, camera,
                engine, modelId, sampling, window);
    }
}
