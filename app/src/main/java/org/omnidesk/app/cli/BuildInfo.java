// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

/** The build's version, from the jar manifest (or "dev" when running from classes). */
public final class BuildInfo {

    private BuildInfo() {
    }

    public static String version() {
        String v = Cli.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
