// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.setup;

import java.nio.file.Path;

/** What the model setup screen asks for; called on the FX thread, must return at once. */
public interface SetupActions {

    /** A package folder or a {@code .zip} of one. */
    void importPackage(Path folderOrZip);

    /** A URL (of a .zip or of an omni-package.json) or a Hugging Face repo id; {@code sha256} may be empty. */
    void download(String source, String sha256);

    void cancelDownload();

    /** The built-in tiny package with random weights. */
    void useSelfTest();

    void activate(String packageId);

    /** Leaves the setup screen (the app keeps whatever engine it has). */
    void close();
}
