// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A Motion-JPEG AVI (RIFF AVI 1.0 with an idx1 index) of already-sampled frames, optionally with
 * a 16 kHz mono PCM sound track interleaved frame by frame. It is the smallest container that
 * vLLM's video loader (OpenCV/FFmpeg) decodes and from which vLLM-Omni extracts the sound for
 * {@code use_audio_in_video} (librosa via ffmpeg), and it is written here in plain Java.
 */
final class MjpegAvi {

    static final int AUDIO_RATE = 16_000;
    private static final int AVIF_HASINDEX = 0x10;
    private static final int AVIF_ISINTERLEAVED = 0x100;
    private static final int AVIIF_KEYFRAME = 0x10;

    private record Chunk(String id, byte[] data) {}

    private MjpegAvi() {
    }

    /**
     * @param jpegs  frames, each a JPEG of {@code width} × {@code height}
     * @param fps    frames per second of the sampled frames (Qwen: 2 / second_per_grid)
     * @param pcm16k the sound track at 16 kHz, or empty for a silent video
     */
    static byte[] write(List<byte[]> jpegs, int width, int height, double fps, float[] pcm16k) {
        if (jpegs.isEmpty() || !(fps > 0)) {
            throw new IllegalArgumentException("a video needs frames and a positive frame rate");
        }
        boolean sound = pcm16k.length > 0;
        List<Chunk> chunks = interleave(jpegs, fps, sound ? Wav.pcm16le(pcm16k) : new byte[0]);
        int maxVideo = jpegs.stream().mapToInt(j -> j.length).max().orElse(0);
        int maxAudio = chunks.stream().filter(c -> c.id.equals("01wb")).mapToInt(c -> c.data.length).max().orElse(0);

        Le movi = new Le();
        Le idx = new Le();
        movi.fourcc("movi");
        for (Chunk c : chunks) {
            idx.fourcc(c.id).i32(AVIIF_KEYFRAME).i32(movi.size()).i32(c.data.length);
            movi.fourcc(c.id).i32(c.data.length).bytes(c.data);
            if (c.data.length % 2 == 1) {
                movi.bytes(new byte[1]); // RIFF chunks are word-aligned
            }
        }

        Le hdrl = new Le().fourcc("hdrl");
        int micros = (int) Math.round(1e6 / fps);
        hdrl.chunk("avih", new Le().i32(micros).i32((int) Math.min(Integer.MAX_VALUE, maxVideo * (long) Math.ceil(fps)
                        + 2L * AUDIO_RATE)).i32(0).i32(AVIF_HASINDEX | AVIF_ISINTERLEAVED).i32(jpegs.size())
                .i32(0).i32(sound ? 2 : 1).i32(Math.max(maxVideo, maxAudio) + 8).i32(width).i32(height)
                .i32(0).i32(0).i32(0).i32(0));
        Le video = new Le().fourcc("strl");
        video.chunk("strh", streamHeader("vids", "MJPG", 1000, (int) Math.round(fps * 1000), jpegs.size(),
                maxVideo, 0, width, height));
        video.chunk("strf", new Le().i32(40).i32(width).i32(height).i16(1).i16(24).fourcc("MJPG")
                .i32(width * height * 3).i32(0).i32(0).i32(0).i32(0));
        hdrl.list(video);
        if (sound) {
            Le audio = new Le().fourcc("strl");
            audio.chunk("strh", streamHeader("auds", "\0\0\0\0", 1, AUDIO_RATE, pcm16k.length, maxAudio, 2, 0, 0));
            audio.chunk("strf", new Le().i16(1).i16(1).i32(AUDIO_RATE).i32(2 * AUDIO_RATE).i16(2).i16(16).i16(0));
            hdrl.list(audio);
        }

        Le avi = new Le().fourcc("AVI ");
        avi.list(hdrl).list(movi).chunk("idx1", idx);
        return new Le().fourcc("RIFF").i32(avi.size()).bytes(avi.toByteArray()).toByteArray();
    }

    /** One video chunk per frame, each followed by the sound of that frame's interval. */
    private static List<Chunk> interleave(List<byte[]> jpegs, double fps, byte[] pcm) {
        List<Chunk> chunks = new ArrayList<>();
        int samples = pcm.length / 2;
        for (int i = 0; i < jpegs.size(); i++) {
            chunks.add(new Chunk("00dc", jpegs.get(i)));
            int from = (int) Math.min(samples, Math.round(i * AUDIO_RATE / fps));
            int to = i == jpegs.size() - 1 ? samples : (int) Math.min(samples, Math.round((i + 1) * AUDIO_RATE / fps));
            if (to > from) {
                byte[] part = new byte[2 * (to - from)];
                System.arraycopy(pcm, 2 * from, part, 0, part.length);
                chunks.add(new Chunk("01wb", part));
            }
        }
        return chunks;
    }

    /** AVISTREAMHEADER (56 bytes): rate/scale is frames (or samples) per second. */
    private static Le streamHeader(String type, String handler, int scale, int rate, int length, int bufferSize,
                                   int sampleSize, int width, int height) {
        return new Le().fourcc(type).fourcc(handler).i32(0).i16(0).i16(0).i32(0).i32(scale).i32(rate).i32(0)
                .i32(length).i32(bufferSize).i32(-1).i32(sampleSize).i16(0).i16(0).i16(width).i16(height);
    }

    /** A little-endian byte builder with RIFF chunk and list helpers. */
    private static final class Le {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteBuffer scratch = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);

        Le i32(int v) {
            out.write(scratch.putInt(0, v).array(), 0, 4);
            return this;
        }

        Le i16(int v) {
            out.write(scratch.putShort(0, (short) v).array(), 0, 2);
            return this;
        }

        Le fourcc(String id) {
            return bytes(Wav.ascii(id));
        }

        Le bytes(byte[] b) {
            out.write(b, 0, b.length);
            return this;
        }

        Le chunk(String id, Le body) {
            return fourcc(id).i32(body.size()).bytes(body.toByteArray());
        }

        Le list(Le body) {
            return chunk("LIST", body);
        }

        int size() {
            return out.size();
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
