// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui;

import org.omnidesk.ui.camera.CameraViewModel;
import org.omnidesk.ui.chat.ChatViewModel;
import org.omnidesk.ui.history.HistoryViewModel;
import org.omnidesk.ui.settings.SettingsViewModel;
import org.omnidesk.ui.setup.SetupViewModel;
import org.omnidesk.ui.voice.VoiceViewModel;

/** The window's view models, one per area. Mutated on the FX thread only. */
public final class MainViewModel {

    private final ChatViewModel chat = new ChatViewModel();
    private final VoiceViewModel voice = new VoiceViewModel();
    private final CameraViewModel camera = new CameraViewModel();
    private final SettingsViewModel settings = new SettingsViewModel();
    private final SetupViewModel setup = new SetupViewModel();
    private final HistoryViewModel history = new HistoryViewModel();

    public ChatViewModel chat() {
        return chat;
    }

    public VoiceViewModel voice() {
        return voice;
    }

    public CameraViewModel camera() {
        return camera;
    }

    public SettingsViewModel settings() {
        return settings;
    }

    public SetupViewModel setup() {
        return setup;
    }

    public HistoryViewModel history() {
        return history;
    }
}
