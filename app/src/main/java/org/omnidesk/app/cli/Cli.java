// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

import java.io.PrintWriter;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code omnidesk} command line: subcommands for scripting, debugging and benchmarks. */
@Command(name = "omnidesk", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Local Qwen2.5-Omni assistant. No arguments opens the window.",
        subcommands = {DoctorCommand.class, AskCommand.class, FeaturesCommand.class, BenchCommand.class, TokenizeCommand.class,
            PromptCommand.class})
public final class Cli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and returns the exit code; errors print one line, never a stack trace. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Cli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("omnidesk: " + UserMessages.oneLine(ex));
            return 1;
        });
        return cli.execute(args);
    }

    /** The subcommands' names: {@code omnidesk doctor} runs doctor even if a file named "doctor" exists. */
    public static Set<String> commandNames() {
        return Set.copyOf(new CommandLine(new Cli()).getSubcommands().keySet());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"OmniDesk " + BuildInfo.version()};
        }
    }
}
