// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.voice;

import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.scene.input.MouseButton;

/** Talks while held: press starts recording, release sends it. Shows {@code :held} while down. */
public final class PushToTalkButton extends Button {

    public static final String ID = "talk";
    private static final PseudoClass HELD = PseudoClass.getPseudoClass("held");

    public PushToTalkButton(Runnable pressed, Runnable released) {
        super("Hold to talk");
        setId(ID);
        getStyleClass().add("talk-button");
        setFocusTraversable(false);
        setOnMousePressed(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                pseudoClassStateChanged(HELD, true);
                pressed.run();
            }
        });
        setOnMouseReleased(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                pseudoClassStateChanged(HELD, false);
                released.run();
            }
        });
    }
}
