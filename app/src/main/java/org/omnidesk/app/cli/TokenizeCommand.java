// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code omnidesk tokenize (--model DIR | --tokenizer FILE) TEXT}: the token ids of TEXT as a JSON array. */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = "Print the Qwen2 token ids of TEXT as JSON (special tokens such as <|im_start|> are recognised).")
final class TokenizeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    ModelSource source;

    @Parameters(paramLabel = "TEXT", description = "The text, used exactly as given.")
    String text;

    @Override
    public Integer call() throws JsonProcessingException {
        try (ModelSource.Loaded loaded = source.open(spec.commandLine().getErr())) {
            spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(loaded.tokenizer().encode(text)));
        }
        return 0;
    }
}
