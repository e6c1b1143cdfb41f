// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.omnidesk.runtime.api.FinishReason;

/**
 * Reads the server's JSON into {@link StreamItem}s. Streaming chunks follow vLLM-Omni
 * (vllm_omni/entrypoints/openai/serving_chat.py @00a3619, {@code chat_completion_stream_generator}):
 * {@code object: chat.completion.chunk}, a top-level {@code modality} ("text" | "audio"), text in
 * {@code choices[0].delta.content}, audio as base64 of a WAV in {@code delta.content} of
 * "audio" chunks, {@code finish_reason} once on the last modality, usage, errors as
 * {@code {"error": {...}}}, then {@code [DONE]}. Plain OpenAI shapes ({@code delta.audio.data}
 * 16-bit PCM, {@code delta.audio.transcript}) and the non-streaming {@code chat.completion}
 * ({@code message.content}, {@code message.audio.data}) map to the same items.
 */
final class ChunkMapper {

    static final String DONE = "[DONE]";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChunkMapper() {
    }

    /** One SSE data payload. */
    static List<StreamItem> chunk(String data) {
        if (DONE.equals(data.strip())) {
            return List.of(new StreamItem.Done());
        }
        JsonNode node = parse(data);
        List<StreamItem> items = new ArrayList<>();
        if (error(node, items)) {
            return items;
        }
        boolean audio = "audio".equals(node.path("modality").asText("text"));
        JsonNode choice = first(node.path("choices"));
        JsonNode delta = choice.path("delta");
        String content = delta.path("content").asText("");
        if (!content.isEmpty()) {
            items.add(audio ? new StreamItem.Audio(content) : new StreamItem.Text(content));
        }
        openAiAudio(delta.path("audio"), items);
        finish(choice, items);
        usage(node.path("usage"), items);
        return items;
    }

    /** A whole non-streaming {@code chat.completion}; vLLM-Omni gives text and audio as separate choices. */
    static List<StreamItem> completion(String body) {
        JsonNode node = parse(body);
        List<StreamItem> items = new ArrayList<>();
        if (error(node, items)) {
            return items;
        }
        FinishReason finish = null;
        for (JsonNode choice : node.path("choices")) {
            JsonNode message = choice.path("message");
            String content = message.path("content").asText("");
            if (!content.isEmpty()) {
                items.add(new StreamItem.Text(content));
            }
            String audio = message.path("audio").path("data").asText("");
            if (!audio.isEmpty()) {
                items.add(new StreamItem.Audio(audio));
            }
            FinishReason reason = reason(choice);
            finish = finish == FinishReason.MAX_TOKENS || reason == null ? finish : reason;
        }
        usage(node.path("usage"), items);
        if (finish != null) {
            items.add(new StreamItem.Finish(finish));
        }
        items.add(new StreamItem.Done());
        return items;
    }

    /** The server's own words from an error body ({@code {"error": {"message"}}}, {@code {"message"}}, text): one line. */
    static String errorMessage(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            List<StreamItem> items = new ArrayList<>();
            if (node != null && error(node, items)) {
                return ((StreamItem.ServerError) items.get(0)).message();
            }
            if (node != null && node.path("detail").isTextual()) {
                return node.path("detail").asText();
            }
        } catch (JsonProcessingException e) {
            // not JSON: the text itself is the message
        }
        return body.strip().lines().findFirst().orElse("");
    }

    private static boolean error(JsonNode node, List<StreamItem> items) {
        JsonNode error = node.path("error");
        if (error.isObject()) {
            items.add(new StreamItem.ServerError(error.path("message").asText(error.toString())));
        } else if (error.isTextual()) {
            items.add(new StreamItem.ServerError(error.asText()));
        } else if ("error".equals(node.path("object").asText())) {
            items.add(new StreamItem.ServerError(node.path("message").asText(node.toString())));
        }
        return !items.isEmpty();
    }

    private static void openAiAudio(JsonNode audio, List<StreamItem> items) {
        String transcript = audio.path("transcript").asText("");
        if (!transcript.isEmpty()) {
            items.add(new StreamItem.Text(transcript));
        }
        String data = audio.path("data").asText("");
        if (!data.isEmpty()) {
            items.add(new StreamItem.Audio(data));
        }
    }

    private static void finish(JsonNode choice, List<StreamItem> items) {
        FinishReason reason = reason(choice);
        if (reason != null) {
            items.add(new StreamItem.Finish(reason));
        }
    }

    /** OpenAI's "length" is our MAX_TOKENS; any other reason ("stop", "tool_calls") a normal stop; null if none. */
    private static FinishReason reason(JsonNode choice) {
        JsonNode reason = choice.path("finish_reason");
        if (!reason.isTextual()) {
            return null;
        }
        return "length".equals(reason.asText()) ? FinishReason.MAX_TOKENS : FinishReason.STOP;
    }

    private static void usage(JsonNode usage, List<StreamItem> items) {
        if (usage.isObject() && usage.has("prompt_tokens")) {
            items.add(new StreamItem.Usage(usage.path("prompt_tokens").asInt(), usage.path("completion_tokens").asInt()));
        }
    }

    private static JsonNode first(JsonNode choices) {
        for (JsonNode c : choices) {
            if (c.path("index").asInt(0) == 0) {
                return c;
            }
        }
        return JSON.missingNode();
    }

    private static JsonNode parse(String data) {
        try {
            JsonNode node = JSON.readTree(data);
            if (node == null || !node.isObject()) {
                throw new MalformedChunkException("the server sent " + describe(data) + " where a JSON object belongs");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedChunkException("the server sent " + describe(data) + " that is not JSON");
        }
    }

    private static String describe(String data) {
        return data.length() <= 40 ? "'" + data + "'" : "'" + data.substring(0, 40) + "…' (" + data.length() + " chars)";
    }

    /** A server message the mapper cannot read; the turn fails with this one-line message. */
    static final class MalformedChunkException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedChunkException(String message) {
            super(message);
        }
    }
}
