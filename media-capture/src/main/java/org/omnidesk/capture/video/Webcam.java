// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameGrabber;
import org.omnidesk.capture.api.CameraDevice;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.api.MediaException.Kind;
import org.omnidesk.capture.api.VideoSource;
import org.omnidesk.capture.ffmpeg.NativeMedia;
import org.omnidesk.capture.vision.Orientation;

/**
 * Webcams through javacv's OpenCV capture (V4L2 on Linux, Media Foundation/DirectShow on Windows,
 * AVFoundation on macOS), opened by device index at a requested resolution. Frames are stamped
 * with their arrival time and kept latest-only (see {@link VideoSource}).
 */
public final class Webcam {

    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");

    private Webcam() {
    }

    /**
     * Cameras to offer: on Linux the V4L2 capture nodes with their driver names (metadata nodes left
     * out); elsewhere the default camera (index 0), as OpenCV cannot list devices without opening them.
     */
    public static List<CameraDevice> devices() {
        if (!LINUX) {
            return List.of(defaultDevice());
        }
        List<CameraDevice> out = new ArrayList<>();
        for (String node : NativeMedia.videoInputDevices()) {
            String n = node.substring(node.lastIndexOf("video") + "video".length());
            if (!n.matches("\\d+")) {
                continue;
            }
            Path sys = Path.of("/sys/class/video4linux/video" + n);
            if (!readSys(sys.resolve("index"), "0").equals("0")) {
                continue; // a UVC camera's second node carries metadata, not pictures
            }
            out.add(new CameraDevice(n, readSys(sys.resolve("name"), node), "opencv"));
        }
        return out;
    }

    public static CameraDevice defaultDevice() {
        return new CameraDevice("0", "Default camera", "opencv");
    }

    /**
     * The camera at {@code width}×{@code height} (0 = the device's default); opened by
     * {@link VideoSource#start}, which fails with DEVICE_UNAVAILABLE when it is absent or busy.
     */
    public static VideoSource open(CameraDevice device, int width, int height) {
        return new CameraSource(device, () -> start(device, width, height), false, false, Kind.DEVICE_UNAVAILABLE);
    }

    private static CameraSource.Opened start(CameraDevice device, int width, int height) throws MediaException {
        int index;
        try {
            index = Integer.parseInt(device.id());
        } catch (NumberFormatException e) {
            throw new MediaException(Kind.DEVICE_UNAVAILABLE, device.asPath(), "not a camera index: " + device.id());
        }
        if (LINUX && !Files.exists(Path.of("/dev/video" + index))) {
            // OpenCV would try every backend for seconds before giving up on a missing node.
            throw new MediaException(Kind.DEVICE_UNAVAILABLE, device.asPath(), "no /dev/video" + index);
        }
        OpenCVFrameGrabber grabber = new OpenCVFrameGrabber(index);
        if (width > 0 && height > 0) {
            grabber.setImageWidth(width);
            grabber.setImageHeight(height);
        }
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            CameraSource.closeQuietly(grabber);
            throw new MediaException(Kind.DEVICE_UNAVAILABLE, device.asPath(), e.getMessage(), e);
        }
        return new CameraSource.Opened(grabber, grabber::grab, Orientation.NORMAL);
    }

    private static String readSys(Path file, String fallback) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return fallback;
        }
    }
}
