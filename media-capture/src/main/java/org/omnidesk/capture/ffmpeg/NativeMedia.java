// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.ffmpeg;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.opencv.global.opencv_core;

/** Versions of the bundled native libraries and the capture devices the platform lists. */
public final class NativeMedia {

    private NativeMedia() {
    }

    public static String ffmpegVersion() {
        return avutil.av_version_info().getString();
    }

    public static String opencvVersion() {
        return opencv_core.CV_VERSION();
    }

    /** V4L2 device nodes on Linux; other platforms are probed when the camera is opened. */
    public static List<String> videoInputDevices() {
        List<String> devices = new ArrayList<>();
        Path dev = Path.of("/dev");
        if (!Files.isDirectory(dev)) {
            return devices;
        }
        try (DirectoryStream<Path> nodes = Files.newDirectoryStream(dev, "video*")) {
            nodes.forEach(p -> devices.add(p.toString()));
        } catch (IOException e) {
            return devices;
        }
        devices.sort(null);
        return devices;
    }
}
