// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.model;

/** A model package the app knows: where it is, what it is, where it came from. */
public record InstalledPackage(String id, String name, String path, boolean randomWeights, String source,
                               long installedMs) {
    public InstalledPackage {
        if (id == null || id.isBlank() || path == null || path.isBlank()) {
            throw new IllegalArgumentException("an installed package needs an id and a path");
        }
    }
}
