// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.video;

import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import org.omnidesk.capture.api.CameraDevice;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.api.MediaException.Kind;
import org.omnidesk.capture.api.MediaFiles;
import org.omnidesk.capture.api.VideoSource;
import org.omnidesk.capture.ffmpeg.FfmpegLog;
import org.omnidesk.capture.ffmpeg.OpenFailures;
import org.omnidesk.capture.vision.Orientation;

/**
 * A video file played as a camera, in real time (FFmpeg decoding, frames shown at their own
 * timestamps): the same code path as a webcam for tests and demos, where there is no camera.
 */
public final class FileCamera {

    private FileCamera() {
    }

    /** The camera; the file is opened by {@link VideoSource#start}. {@code loop} restarts it at its end. */
    public static VideoSource open(Path file, boolean loop) {
        CameraDevice device = new CameraDevice(file.toString(), file.getFileName().toString(), "file");
        return new CameraSource(device, () -> start(file), true, loop, Kind.CORRUPT);
    }

    private static CameraSource.Opened start(Path file) throws MediaException {
        MediaFiles.requireReadableFile(file);
        FfmpegLog.quiet();
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            CameraSource.closeQuietly(grabber);
            throw OpenFailures.classify(file, e, Kind.NO_VIDEO_TRACK);
        }
        if (!grabber.hasVideo()) {
            CameraSource.closeQuietly(grabber);
            throw new MediaException(Kind.NO_VIDEO_TRACK, file, null);
        }
        // javacv reports the display matrix counter-clockwise, like av_display_rotation_get.
        int orientation = Orientation.ofClockwiseDegrees(-grabber.getDisplayRotation());
        return new CameraSource.Opened(grabber, grabber::grabImage, orientation);
    }
}
