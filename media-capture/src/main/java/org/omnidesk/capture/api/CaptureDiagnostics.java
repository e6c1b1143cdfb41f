// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.api;

import java.util.List;
import org.omnidesk.capture.audio.Microphone;
import org.omnidesk.capture.ffmpeg.NativeMedia;
import org.omnidesk.capture.video.Webcam;

/** FFmpeg/OpenCV versions and capture devices, for {@code omnidesk doctor}. */
public final class CaptureDiagnostics {

    private CaptureDiagnostics() {
    }

    public static String ffmpegVersion() {
        return NativeMedia.ffmpegVersion();
    }

    public static String opencvVersion() {
        return NativeMedia.opencvVersion();
    }

    /** Microphones the platform's capture input lists (what {@code Microphone} can open); empty when none. */
    public static List<String> audioInputDevices() {
        return Microphone.devices().stream().map(AudioDevice::toString).toList();
    }

    /** Cameras {@code Webcam} offers (V4L2 capture nodes on Linux, the default camera elsewhere); empty when none. */
    public static List<String> videoInputDevices() {
        return Webcam.devices().stream().map(CameraDevice::toString).toList();
    }
}
