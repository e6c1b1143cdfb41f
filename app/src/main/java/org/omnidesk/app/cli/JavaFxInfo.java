// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

import javafx.application.Application;

/** JavaFX's version without starting the toolkit (no display needed). */
final class JavaFxInfo {

    private JavaFxInfo() {
    }

    static String version() {
        Module fx = Application.class.getModule();
        if (fx.isNamed() && fx.getDescriptor().version().isPresent()) {
            return fx.getDescriptor().version().get().toString();
        }
        String v = Application.class.getPackage().getImplementationVersion();
        return v != null ? v : "unknown (JavaFX on the class path without a version)";
    }
}
