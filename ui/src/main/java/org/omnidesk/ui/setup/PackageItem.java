// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.setup;

/** An installed model package as the setup screen lists it. */
public record PackageItem(String id, String name, String location, boolean randomWeights, boolean active) {

    @Override
    public String toString() {
        return (active ? "● " : "  ") + name + (randomWeights ? " (random weights, self-test)" : "") + " — " + location;
    }
}
