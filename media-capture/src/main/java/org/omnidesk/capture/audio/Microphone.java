// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.audio;

import static org.bytedeco.ffmpeg.global.avdevice.avdevice_free_list_devices;
import static org.bytedeco.ffmpeg.global.avdevice.avdevice_list_input_sources;
import static org.bytedeco.ffmpeg.global.avdevice.avdevice_register_all;
import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.ffmpeg.avdevice.AVDeviceInfo;
import org.bytedeco.ffmpeg.avdevice.AVDeviceInfoList;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.omnidesk.capture.api.AudioDevice;
import org.omnidesk.capture.api.AudioSource;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.ffmpeg.FfmpegLog;

/**
 * Microphones through javacv's FFmpeg capture inputs: PulseAudio then ALSA on Linux,
 * DirectShow on Windows, AVFoundation on macOS. Capture runs in {@link CaptureSource}: 16 kHz
 * mono float blocks stamped with their capture time into a bounded queue whose overruns are
 * counted.
 *
 * <pre>{@code
 * AudioDevice dev = Microphone.find("USB").orElse(Microphone.defaultDevice());
 * try (AudioSource mic = Microphone.open(dev, CaptureSettings.DEFAULT)) { mic.start(executor); ... }
 * }</pre>
 */
public final class Microphone {

    private static final String OS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);

    private Microphone() {
    }

    /** FFmpeg capture inputs for this platform, preferred first. */
    static List<String> backends() {
        if (OS.contains("win")) {
            return List.of("dshow");
        }
        if (OS.contains("mac")) {
            return List.of("avfoundation");
        }
        return List.of("pulse", "alsa");
    }

    /**
     * The inputs the first backend that can list any reports (PulseAudio monitors of outputs
     * are left out); empty when there are none or the platform cannot list them.
     */
    public static List<AudioDevice> devices() {
        for (String backend : backends()) {
            List<AudioDevice> found = list(backend);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    /**
     * The platform's default input (checked when opened): AVFoundation's default, the first
     * DirectShow microphone, PulseAudio's default when a server answers, else ALSA's.
     */
    public static AudioDevice defaultDevice() {
        String name = "Default microphone";
        return switch (backends().get(0)) {
            case "avfoundation" -> new AudioDevice(":default", name, "avfoundation");
            case "dshow" -> devices().stream().findFirst().orElse(new AudioDevice("audio=default", name, "dshow"));
            default -> new AudioDevice("default", name, list("pulse").isEmpty() ? "alsa" : "pulse");
        };
    }

    /** The first listed device whose id equals, or whose name contains, {@code query}. */
    public static Optional<AudioDevice> find(String query) {
        return devices().stream().filter(d -> d.matches(query)).findFirst();
    }

    /** A source for the device; it is opened by {@link AudioSource#start}. */
    public static AudioSource open(AudioDevice device, CaptureSettings settings) {
        return new CaptureSource(device, () -> PcmReader.openDevice(device, options(device.backend(), settings)),
                settings, true);
    }

    /** Ask the device for 16 kHz mono in ~20 ms fragments where the backend supports it. */
    private static Map<String, String> options(String backend, CaptureSettings settings) {
        String rate = String.valueOf(PcmReader.SAMPLE_RATE);
        int fragmentMillis = Math.max(10, settings.blockSamples() * 1000 / PcmReader.SAMPLE_RATE);
        return switch (backend) {
            case "pulse" -> Map.of("sample_rate", rate, "channels", "1",
                    "fragment_size", String.valueOf(fragmentMillis * PcmReader.SAMPLE_RATE / 1000 * 2));
            case "alsa" -> Map.of("sample_rate", rate, "channels", "1");
            case "dshow" -> Map.of("sample_rate", rate, "channels", "1",
                    "audio_buffer_size", String.valueOf(fragmentMillis));
            default -> Map.of();
        };
    }

    private static List<AudioDevice> list(String backend) {
        FfmpegLog.quiet();
        avdevice_register_all();
        List<AudioDevice> out = new ArrayList<>();
        AVInputFormat format = av_find_input_format(backend);
        if (format == null) {
            return out;
        }
        AVDeviceInfoList list = new AVDeviceInfoList(null);
        try {
            int count = avdevice_list_input_sources(format, (BytePointer) null, null, list);
            for (int i = 0; i < count; i++) {
                AVDeviceInfo info = list.devices(i);
                if (!isAudio(info)) {
                    continue;
                }
                String id = info.device_name().getString();
                String name = info.device_description() == null ? id : info.device_description().getString();
                if (backend.equals("pulse") && id.endsWith(".monitor") || backend.equals("alsa") && id.equals("null")) {
                    continue; // loopbacks of outputs and ALSA's discard device are no microphones
                }
                out.add(new AudioDevice(backend.equals("dshow") ? "audio=" + name : id, name, backend));
            }
        } finally {
            if (!list.isNull()) {
                avdevice_free_list_devices(list);
            }
        }
        return out;
    }

    /** DirectShow lists cameras too; other inputs list only sound. */
    private static boolean isAudio(AVDeviceInfo info) {
        int types = info.nb_media_types();
        if (types == 0) {
            return true;
        }
        for (int i = 0; i < types; i++) {
            if (info.media_types().get(i) == avutil.AVMEDIA_TYPE_AUDIO) {
                return true;
            }
        }
        return false;
    }
}
