// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.api;

import java.util.Locale;

/**
 * An audio input the user can pick: {@code id} is what the platform backend opens (a PulseAudio
 * source, an ALSA device, {@code audio=…} for DirectShow, {@code :N} for AVFoundation, or a file
 * path), {@code name} is what to show, {@code backend} the FFmpeg input format or {@code file}.
 */
public record AudioDevice(String id, String name, String backend) {

    public AudioDevice {
        if (id == null || id.isBlank() || backend == null || backend.isBlank()) {
            throw new IllegalArgumentException("an audio device needs an id and a backend");
        }
        if (name == null || name.isBlank()) {
            name = id;
        }
    }

    /** Case-insensitive match on the id or a part of the name, for "select by name". */
    public boolean matches(String query) {
        String q = query.strip().toLowerCase(Locale.ROOT);
        return id.toLowerCase(Locale.ROOT).equals(q) || name.toLowerCase(Locale.ROOT).contains(q);
    }

    @Override
    public String toString() {
        return name.equals(id) ? name + " (" + backend + ")" : name + " (" + backend + ": " + id + ")";
    }
}
