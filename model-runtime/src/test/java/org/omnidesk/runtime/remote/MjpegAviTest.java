// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnidesk.runtime.api.UserInput;

/** The uploaded video decoded by FFmpeg (what vLLM's OpenCV loader and librosa's audioread use). */
class MjpegAviTest {

    @TempDir
    Path dir;

    @Test
    void ffmpegReadsTheSampledFramesAndTheExactSoundTrack() throws Exception {
        UserInput.Video input = TestMedia.video(true);
        UploadPart.Video part = (UploadPart.Video) UploadEncoder.encode(input);
        Path avi = Files.write(dir.resolve("clip.avi"), part.avi());

        JsonNode streams = FfmpegCli.streams(avi);
        assertEquals(2, streams.size(), streams.toString());
        JsonNode video = streams.get(0);
        assertEquals("mjpeg", video.path("codec_name").asText());
        assertEquals(84, video.path("width").asInt());
        assertEquals(56, video.path("height").asInt());
        assertEquals("2/1", video.path("r_frame_rate").asText(), "the sampling rate: 2 / second_per_grid");
        assertEquals(4, video.path("nb_read_frames").asInt());
        JsonNode audio = streams.get(1);
        assertEquals("pcm_s16le", audio.path("codec_name").asText());
        assertEquals(16000, audio.path("sample_rate").asInt());
        assertEquals(1, audio.path("channels").asInt());

        short[] expected = new short[32_000];
        ByteBuffer.wrap(Wav.pcm16le(input.audio().orElseThrow().pcm16k())).order(ByteOrder.LITTLE_ENDIAN)
                .asShortBuffer().get(expected);
        assertArrayEquals(expected, FfmpegCli.pcm16(avi), "the sound track is the 16 kHz samples, bit for bit");

        List<int[]> decoded = FfmpegCli.rgbFrames(avi, 84, 56);
        List<int[]> source = TestMedia.frames(4, 56, 84);
        assertEquals(4, decoded.size());
        for (int f = 0; f < 4; f++) {
            double diff = FfmpegCli.meanAbsDiff(source.get(f), decoded.get(f));
            assertTrue(diff < 4, "frame " + f + " differs by " + diff + " per value after JPEG at quality 0.9");
        }
        assertTrue(FfmpegCli.meanAbsDiff(decoded.get(0), decoded.get(3)) > 5, "frames stay in their order");
    }

    @Test
    void aVideoWithoutItsSoundHasOnlyTheVideoStream() throws Exception {
        UploadPart.Video part = (UploadPart.Video) UploadEncoder.encode(TestMedia.video(false));
        assertEquals(false, part.withSound());
        JsonNode streams = FfmpegCli.streams(Files.write(dir.resolve("silent.avi"), part.avi()));
        assertEquals(1, streams.size(), streams.toString());
        assertEquals("video", streams.get(0).path("codec_type").asText());
    }
}
