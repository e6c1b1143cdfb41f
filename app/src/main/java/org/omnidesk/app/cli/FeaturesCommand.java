// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code omnidesk features mel|vision}: the model's input features for a media file, as .npy. */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Compute model input features (log-mel, pixel_values) for a media file.",
        subcommands = {FeaturesMelCommand.class, FeaturesVisionCommand.class})
final class FeaturesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
