// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app;

import org.omnidesk.app.cli.Cli;

/** Entry point: no arguments (or only files to attach) opens the window, anything else is the command line. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || OpenFiles.isOpenRequest(args, Cli.commandNames())) {
            DesktopApp.launchWindow(args);
            return;
        }
        System.exit(Cli.run(args));
    }
}
