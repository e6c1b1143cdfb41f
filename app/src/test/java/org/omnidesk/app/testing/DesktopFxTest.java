// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.testing;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.omnidesk.app.Desktop;
import org.omnidesk.ui.chat.AssistantEntry;
import org.omnidesk.ui.chat.TranscriptEntry;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * A TestFX test of the whole desktop app on TestFX's primary stage, closed after each test.
 * (JUnit runs inherited {@code @BeforeEach}/{@code @AfterEach}; TestFX's {@code @Start} is not inherited.)
 */
@ExtendWith(ApplicationExtension.class)
public abstract class DesktopFxTest {

    protected Stage stage;
    protected Desktop desktop;

    @BeforeEach
    void primaryStage() throws TimeoutException {
        stage = FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void closeDesktop() throws TimeoutException {
        FxToolkit.setupFixture(() -> {
            if (desktop != null) {
                desktop.close();
            }
        });
    }

    protected List<TranscriptEntry> entries() {
        return List.copyOf(desktop.model().chat().entries());
    }

    /** The newest answer in the transcript, if any. */
    protected Optional<AssistantEntry> newestAnswer() {
        List<TranscriptEntry> all = entries();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i) instanceof AssistantEntry a) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
