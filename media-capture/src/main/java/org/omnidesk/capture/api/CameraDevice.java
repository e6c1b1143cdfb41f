// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.api;

import java.nio.file.Path;

/**
 * A camera the user can pick: {@code id} is what the backend opens (an OpenCV device index, or a
 * file path for the file-backed camera), {@code name} is what to show, {@code backend} is
 * {@code opencv} or {@code file}.
 */
public record CameraDevice(String id, String name, String backend) {

    public CameraDevice {
        if (id == null || id.isBlank() || backend == null || backend.isBlank()) {
            throw new IllegalArgumentException("a camera needs an id and a backend");
        }
        if (name == null || name.isBlank()) {
            name = id;
        }
    }

    /** The name MediaException messages use for this camera ("camera-0"); a file camera is its file. */
    public Path asPath() {
        return backend.equals("file") ? Path.of(id) : Path.of("camera-" + id.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    @Override
    public String toString() {
        return name.equals(id) ? name + " (" + backend + ")" : name + " (" + backend + ": " + id + ")";
    }
}
