// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.media;

import java.nio.file.Path;
import java.util.List;
import org.omnidesk.capture.api.CameraDevice;
import org.omnidesk.capture.api.VideoSource;
import org.omnidesk.capture.video.FileCamera;
import org.omnidesk.capture.video.Webcam;

/** Where the camera picture comes from: the platform's webcams, or a video file played like one. */
public interface Cameras {

    /** The cameras to offer (may probe devices: call off the FX thread). */
    List<CameraDevice> devices();

    /** A source for {@code device}, not yet started. */
    VideoSource open(CameraDevice device);

    /** Webcams through OpenCV, at 640×480 (the preview and 2 fps turns need no more). */
    static Cameras system() {
        return new Cameras() {
            @Override
            public List<CameraDevice> devices() {
                return Webcam.devices();
            }

            @Override
            public VideoSource open(CameraDevice device) {
                return Webcam.open(device, 640, 480);
            }
        };
    }

    /** One "camera" showing {@code video} in a loop: demos ({@code -Domnidesk.camera.file=F}) and tests. */
    static Cameras file(Path video) {
        return new Cameras() {
            @Override
            public List<CameraDevice> devices() {
                return List.of(new CameraDevice(video.toString(), "File: " + video.getFileName(), "file"));
            }

            @Override
            public VideoSource open(CameraDevice device) {
                return FileCamera.open(video, true);
            }
        };
    }
}
