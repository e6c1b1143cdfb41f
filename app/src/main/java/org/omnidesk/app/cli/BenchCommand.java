// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code omnidesk bench ...}: benchmarks that print ratios against a named baseline run side by side. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks; each prints its figures and the ratio against a baseline run in the same process.",
        subcommands = {BenchMelCommand.class, BenchVideoCommand.class, BenchDecodeCommand.class, BenchSpeechCommand.class})
final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
