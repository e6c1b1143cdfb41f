// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui;

import java.util.Objects;
import javafx.scene.Parent;

/** The stylesheets: a shared base and the light or dark colours over it. */
public final class Themes {

    public static final String STYLE_CLASS = "omnidesk";

    private Themes() {
    }

    /** Styles {@code root} and everything under it (the colours are looked up from its {@code omnidesk} class). */
    public static void apply(Parent root, String theme) {
        if (!root.getStyleClass().contains(STYLE_CLASS)) {
            root.getStyleClass().add(STYLE_CLASS);
        }
        root.getStylesheets().setAll(sheet("omnidesk.css"), sheet("dark".equals(theme) ? "dark.css" : "light.css"));
    }

    private static String sheet(String name) {
        return Objects.requireNonNull(Themes.class.getResource(name), name).toExternalForm();
    }
}
