// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.omnidesk.runtime.pkg.ModelPackage;
import org.omnidesk.runtime.prompt.PromptConfig;
import org.omnidesk.runtime.tokenizer.Tokenizer;
import picocli.CommandLine.Option;

/** {@code --model DIR | --tokenizer FILE}: where the tokenizer and the prompt constants come from. */
final class ModelSource {

    @Option(names = "--model", paramLabel = "DIR", description = "Model package folder (tokenizer and ids from its manifest).")
    Path model;

    @Option(names = "--tokenizer", paramLabel = "FILE",
            description = "A Qwen2 tokenizer.json alone; ids and constants are Qwen2.5-Omni's.")
    Path tokenizer;

    /** A tokenizer with the prompt constants that go with it; close it after use. */
    record Loaded(Tokenizer tokenizer, PromptConfig config) implements AutoCloseable {
        @Override
        public void close() {
            tokenizer.close();
        }
    }

    /** Opens the package (checking it; SHA-256 progress on {@code err}) or the bare tokenizer file. */
    Loaded open(PrintWriter err) {
        if (model != null) {
            ModelPackage pkg = ModelPackage.open(model, new Progress(err));
            return new Loaded(Tokenizer.load(pkg.tokenizerFile()), PromptConfig.of(pkg.manifest()));
        }
        return new Loaded(Tokenizer.load(tokenizer), PromptConfig.QWEN25_OMNI);
    }

    /** The prompt constants without a tokenizer: the package's, or Qwen2.5-Omni's. */
    PromptConfig config(PrintWriter err) {
        return model == null ? PromptConfig.QWEN25_OMNI
                : PromptConfig.of(ModelPackage.open(model, new Progress(err)).manifest());
    }

    /** Prints the package check's progress in steps of 10 %. */
    private static final class Progress implements org.omnidesk.runtime.pkg.VerifyListener {
        private final PrintWriter err;
        private long shown = -1;

        Progress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void progress(String file, long done, long total) {
            long percent = total == 0 ? 100 : done * 100 / total;
            if (percent / 10 != shown / 10 && percent < 100) {
                err.println("omnidesk: checking model package " + percent + "% (" + file + ")");
                shown = percent;
            }
        }
    }
}
