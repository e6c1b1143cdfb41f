// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the command line with its exit code and what it printed. */
record CliRun(int code, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
