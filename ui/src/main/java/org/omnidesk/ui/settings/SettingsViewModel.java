// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.settings;

import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.omnidesk.runtime.api.EngineInfo;

/**
 * The user's choices (voice, speech, provider, theme, the video's sound, sampling) and what the
 * engine reports about itself. Sampling fields are text: empty means the model package's default;
 * the app parses them and reports a bad value in {@link #samplingProblemProperty()}.
 */
public final class SettingsViewModel {

    public static final List<String> VOICES = List.of("Chelsie", "Ethan");
    public static final List<String> PROVIDERS = List.of("auto", "cuda", "directml", "cpu");
    public static final List<String> THEMES = List.of("light", "dark");

    // Properties
    private final StringProperty voice = new SimpleStringProperty(this, "voice", VOICES.get(0));
    private final BooleanProperty speech = new SimpleBooleanProperty(this, "speech", true);
    private final StringProperty provider = new SimpleStringProperty(this, "provider", PROVIDERS.get(0));
    private final StringProperty theme = new SimpleStringProperty(this, "theme", THEMES.get(0));
    private final BooleanProperty useVideoSound = new SimpleBooleanProperty(this, "useVideoSound", true);
    private final BooleanProperty greedy = new SimpleBooleanProperty(this, "greedy", false);
    private final StringProperty temperature = new SimpleStringProperty(this, "temperature", "");
    private final StringProperty topP = new SimpleStringProperty(this, "topP", "");
    private final StringProperty topK = new SimpleStringProperty(this, "topK", "");
    private final StringProperty repetitionPenalty = new SimpleStringProperty(this, "repetitionPenalty", "");
    private final StringProperty maxNewTokens = new SimpleStringProperty(this, "maxNewTokens", "");
    private final ReadOnlyStringWrapper samplingProblem = new ReadOnlyStringWrapper(this, "samplingProblem", "");
    private final ReadOnlyObjectWrapper<Optional<EngineInfo>> engineInfo =
            new ReadOnlyObjectWrapper<>(this, "engineInfo", Optional.empty());
    private final ReadOnlyStringWrapper engineNote = new ReadOnlyStringWrapper(this, "engineNote", "");

    public StringProperty voiceProperty() {
        return voice;
    }

    public BooleanProperty speechProperty() {
        return speech;
    }

    /** auto | cuda | directml | cpu. */
    public StringProperty providerProperty() {
        return provider;
    }

    /** light | dark. */
    public StringProperty themeProperty() {
        return theme;
    }

    public BooleanProperty useVideoSoundProperty() {
        return useVideoSound;
    }

    public BooleanProperty greedyProperty() {
        return greedy;
    }

    public StringProperty temperatureProperty() {
        return temperature;
    }

    public StringProperty topPProperty() {
        return topP;
    }

    public StringProperty topKProperty() {
        return topK;
    }

    public StringProperty repetitionPenaltyProperty() {
        return repetitionPenalty;
    }

    public StringProperty maxNewTokensProperty() {
        return maxNewTokens;
    }

    public ReadOnlyStringProperty samplingProblemProperty() {
        return samplingProblem.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Optional<EngineInfo>> engineInfoProperty() {
        return engineInfo.getReadOnlyProperty();
    }

    /** Why this engine runs (e.g. a fallback), shown under the engine's facts; "" when there is nothing to say. */
    public ReadOnlyStringProperty engineNoteProperty() {
        return engineNote.getReadOnlyProperty();
    }

    // Commands
    public void setSamplingProblem(String problem) {
        samplingProblem.set(problem == null ? "" : problem);
    }

    public void setEngine(Optional<EngineInfo> info, String note) {
        engineInfo.set(info);
        engineNote.set(note == null ? "" : note);
    }
}
