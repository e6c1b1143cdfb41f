// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.packaging.installer;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.spi.ToolProvider;

/** Runs the JDK's jlink and jpackage in this JVM; their output is shown only when they fail. */
final class Tools {

    private Tools() {
    }

    static void run(String tool, List<String> args, PrintStream log) {
        ToolProvider provider = ToolProvider.findFirst(tool).orElseThrow(() -> new BuildException(
                tool + " is not part of the Java running this build (" + System.getProperty("java.home")
                        + "); run Maven with a full JDK 17 or newer"));
        log.println("  " + tool + " " + String.join(" ", args));
        StringWriter output = new StringWriter();
        try (PrintWriter out = new PrintWriter(output)) {
            int rc = provider.run(out, out, args.toArray(String[]::new));
            if (rc != 0) {
                log.print(output);
                throw new BuildException(tool + " failed with exit code " + rc + " (its output is above)");
            }
        }
    }
}
