// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnidesk.runtime.api.InferenceException;

/** Server speech in the formats soundfile/FFmpeg write, checked against FFmpeg's own decoding. */
class SpeechDecoderTest {

    @TempDir
    Path dir;

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** A WAV made by ffmpeg from two sines (440 Hz left, 660 Hz right when stereo). */
    private Path wav(String codec, int channels) throws Exception {
        Path out = dir.resolve(codec + channels + ".wav");
        String source = channels == 1 ? "sine=frequency=440:sample_rate=24000:duration=0.25"
                : "sine=frequency=440:sample_rate=24000:duration=0.25[l];sine=frequency=660:sample_rate=24000:duration=0.25[r];[l][r]amerge=inputs=2";
        FfmpegCli.run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", source, "-c:a", codec, out.toString());
        return out;
    }

    private static float[] ffmpegFloats(Path wav, String channelFilter) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(FfmpegCli.run("ffmpeg", "-v", "error", "-i", wav.toString(), "-af", channelFilter,
                "-f", "f32le", "-")).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    @Test
    void decodes16And24BitPcmAndFloatWavsLikeFfmpeg() throws Exception {
        for (String codec : new String[] {"pcm_s16le", "pcm_s24le", "pcm_f32le"}) {
            Path wav = wav(codec, 1);
            SpeechDecoder.Pcm pcm = new SpeechDecoder().decode(b64(Files.readAllBytes(wav)));
            assertEquals(24_000, pcm.sampleRate());
            float[] reference = ffmpegFloats(wav, "anull");
            assertEquals(6000, reference.length);
            assertArrayEquals(reference, pcm.samples(), 1e-6f, codec);
        }
    }

    @Test
    void averagesTheChannelsOfAStereoWav() throws Exception {
        Path wav = wav("pcm_s16le", 2);
        float[] left = ffmpegFloats(wav, "pan=mono|c0=c0");
        float[] right = ffmpegFloats(wav, "pan=mono|c0=c1");
        float[] mean = new float[left.length];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = (left[i] + right[i]) / 2;
        }
        assertArrayEquals(mean, new SpeechDecoder().decode(b64(Files.readAllBytes(wav))).samples(), 1e-6f);
    }

    @Test
    void rawChunksAfterAHeaderKeepItsFormatAndBareChunksAre24kHz16Bit() {
        float[] tone = TestMedia.sine(480, 16_000, 500, 0.5);
        byte[] header = Wav.mono16(new float[0], 16_000);
        SpeechDecoder decoder = new SpeechDecoder();
        assertEquals(0, decoder.decode(b64(header)).samples().length);
        SpeechDecoder.Pcm raw = decoder.decode(b64(Wav.pcm16le(tone)));
        assertEquals(16_000, raw.sampleRate(), "the rate of the stream's header");
        assertArrayEquals(tone, raw.samples(), 1f / 32767);

        SpeechDecoder.Pcm openAi = new SpeechDecoder().decode(b64(Wav.pcm16le(tone)));
        assertEquals(24_000, openAi.sampleRate());
        assertArrayEquals(tone, openAi.samples(), 1f / 32767);
    }

    @Test
    void aStreamingWavWithAnUnknownDataSizeTakesTheRest() {
        float[] tone = TestMedia.sine(300, 24_000, 300, 0.25);
        byte[] wav = Wav.mono16(tone, 24_000);
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putInt(40, -1); // data size 0xFFFFFFFF
        assertArrayEquals(tone, new SpeechDecoder().decode(b64(wav)).samples(), 1f / 32767);
    }

    @Test
    void refusesAudioItCannotRead() {
        byte[] wav = Wav.mono16(new float[10], 24_000);
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putShort(20, (short) 2); // ADPCM
        InferenceException e = assertThrows(InferenceException.class, () -> new SpeechDecoder().decode(b64(wav)));
        assertEquals(true, e.getMessage().contains("format 2"), e.getMessage());
        assertThrows(InferenceException.class, () -> new SpeechDecoder().decode("not base64 at all!"));
    }
}
