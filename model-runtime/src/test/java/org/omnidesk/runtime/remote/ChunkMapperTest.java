// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.omnidesk.runtime.api.FinishReason;

/** Chunks in the shapes vLLM-Omni's serving_chat.py (@00a3619) and OpenAI produce. */
class ChunkMapperTest {

    @Test
    void mapsVllmOmniTextAndAudioChunks() {
        assertEquals(List.of(new StreamItem.Usage(17, 0)), ChunkMapper.chunk("{\"id\":\"chatcmpl-1\",\"object\":"
                + "\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":"
                + "\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}],\"modality\":\"text\","
                + "\"usage\":{\"prompt_tokens\":17,\"total_tokens\":17,\"completion_tokens\":0}}"));
        assertEquals(List.of(new StreamItem.Text("Hel")), ChunkMapper.chunk("{\"object\":\"chat.completion.chunk\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}],\"modality\":\"text\"}"));
        assertEquals(List.of(new StreamItem.Text("lo")), ChunkMapper.chunk("{\"choices\":[{\"index\":0,\"delta\":"
                + "{\"content\":\"lo\"},\"finish_reason\":null}],\"modality\":\"text\",\"metrics\":{}}"));
        assertEquals(List.of(new StreamItem.Audio("UklGRg=="), new StreamItem.Finish(FinishReason.STOP),
                        new StreamItem.Usage(17, 0)),
                ChunkMapper.chunk("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"UklGRg==\"},"
                        + "\"finish_reason\":\"stop\"}],\"modality\":\"audio\",\"usage\":{\"prompt_tokens\":17,"
                        + "\"completion_tokens\":0,\"total_tokens\":17}}"));
        assertEquals(List.of(new StreamItem.Finish(FinishReason.MAX_TOKENS)), ChunkMapper.chunk(
                "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}],\"modality\":\"text\"}"));
        assertEquals(List.of(new StreamItem.Usage(17, 9)), ChunkMapper.chunk(
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":17,\"completion_tokens\":9,\"total_tokens\":26}}"));
        assertEquals(List.of(new StreamItem.Done()), ChunkMapper.chunk("[DONE]"));
    }

    @Test
    void mapsErrorEventsInVllmsOldAndNewShapes() {
        assertEquals(List.of(new StreamItem.ServerError("CUDA out of memory")), ChunkMapper.chunk(
                "{\"error\":{\"message\":\"CUDA out of memory\",\"type\":\"InternalServerError\",\"param\":null,\"code\":500}}"));
        assertEquals(List.of(new StreamItem.ServerError("engine dead")), ChunkMapper.chunk(
                "{\"object\":\"error\",\"message\":\"engine dead\",\"type\":\"BadRequestError\",\"code\":400}"));
        assertEquals("Unauthorized", ChunkMapper.errorMessage("{\"error\":\"Unauthorized\"}"));
        assertEquals("Not Found", ChunkMapper.errorMessage("{\"detail\":\"Not Found\"}"));
        assertEquals("Bad Gateway", ChunkMapper.errorMessage("Bad Gateway\n<html>"));
    }

    @Test
    void mapsPlainOpenAiAudioDeltas() {
        assertEquals(List.of(new StreamItem.Text("Hi"), new StreamItem.Audio("AAAA")), ChunkMapper.chunk(
                "{\"choices\":[{\"index\":0,\"delta\":{\"audio\":{\"id\":\"a\",\"transcript\":\"Hi\",\"data\":\"AAAA\"}}}]}"));
    }

    @Test
    void mapsANonStreamingCompletionWithTextAndAudioChoices() {
        String body = "{\"id\":\"c\",\"object\":\"chat.completion\",\"choices\":["
                + "{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello.\"},\"finish_reason\":\"stop\"},"
                + "{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,\"audio\":{\"id\":\"audio-1\","
                + "\"data\":\"UklGRg==\",\"expires_at\":1,\"transcript\":\"\"}},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":3,\"total_tokens\":23}}";
        assertEquals(List.of(new StreamItem.Text("Hello."), new StreamItem.Audio("UklGRg=="), new StreamItem.Usage(20, 3),
                new StreamItem.Finish(FinishReason.STOP), new StreamItem.Done()), ChunkMapper.completion(body));
    }

    @Test
    void refusesWhatIsNotAJsonObject() {
        assertThrows(ChunkMapper.MalformedChunkException.class, () -> ChunkMapper.chunk("<html>"));
        assertThrows(ChunkMapper.MalformedChunkException.class, () -> ChunkMapper.chunk("[1,2]"));
    }
}
