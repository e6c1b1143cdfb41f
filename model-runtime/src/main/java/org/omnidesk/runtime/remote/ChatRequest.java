// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import org.omnidesk.runtime.api.GenerationSettings;
import org.omnidesk.runtime.api.SpeechSettings;

/**
 * Builds the {@code POST /v1/chat/completions} body the way vLLM-Omni's OpenAI-compatible server
 * reads it (vllm-project/vllm-omni @be81443, examples/online_serving/qwen2_5_omni: content parts
 * {@code text}, {@code image_url}, {@code audio_url}, {@code video_url} with base64 data URLs,
 * {@code modalities}, {@code mm_processor_kwargs.use_audio_in_video}; streaming per
 * vllm_omni/entrypoints/openai/serving_chat.py @00a3619: {@code audio.format}, {@code voice}).
 * Media parts carry the locally preprocessed bytes; {@code media_io_kwargs.video.num_frames = -1}
 * asks vLLM's video loader to keep every uploaded frame instead of resampling to its default 32.
 */
final class ChatRequest {

    /** Qwen2.5-Omni's own system prompt; the model card requires it for speech output. */
    static final String DEFAULT_SYSTEM_PROMPT = "You are Qwen, a virtual human developed by the Qwen Team,"
            + " Alibaba Group, capable of perceiving auditory and visual inputs, as well as generating text and speech.";
    static final String AUDIO_FORMAT = "wav";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private ChatRequest() {
    }

    static ObjectNode system(String prompt) {
        ObjectNode message = JSON.createObjectNode().put("role", "system");
        message.putArray("content").addObject().put("type", "text").put("text", prompt);
        return message;
    }

    static ObjectNode user(List<UploadPart> parts) {
        ObjectNode message = JSON.createObjectNode().put("role", "user");
        ArrayNode content = message.putArray("content");
        for (UploadPart part : parts) {
            if (part instanceof UploadPart.Text t) {
                content.addObject().put("type", "text").put("text", t.text());
            } else if (part instanceof UploadPart.Audio a) {
                media(content, "audio_url", "audio/wav", a.wav());
            } else if (part instanceof UploadPart.Image i) {
                media(content, "image_url", "image/png", i.png());
            } else if (part instanceof UploadPart.Video v) {
                media(content, "video_url", "video/x-msvideo", v.avi());
            }
        }
        return message;
    }

    static ObjectNode assistant(String text) {
        return JSON.createObjectNode().put("role", "assistant").put("content", text);
    }

    /** The whole request: the conversation so far plus this turn's user message, and the turn's options. */
    static ObjectNode body(RemoteSettings settings, List<ObjectNode> messages, SpeechSettings speech,
                           GenerationSettings generation, boolean hasVideo, boolean useAudioInVideo) {
        ObjectNode body = JSON.createObjectNode();
        settings.model().ifPresent(m -> body.put("model", m));
        body.putArray("messages").addAll(messages);
        body.put("stream", settings.stream());
        if (settings.stream()) {
            body.putObject("stream_options").put("include_usage", true).put("continuous_usage_stats", true);
        }
        ArrayNode modalities = body.putArray("modalities").add("text");
        if (speech.enabled()) {
            modalities.add("audio");
            body.putObject("audio").put("format", AUDIO_FORMAT);
            speech.voice().ifPresent(v -> body.put("voice", v));
        }
        if (useAudioInVideo) {
            body.putObject("mm_processor_kwargs").put("use_audio_in_video", true);
        }
        if (hasVideo) {
            body.putObject("media_io_kwargs").putObject("video").put("num_frames", -1);
        }
        sampling(body, generation);
        return body;
    }

    /** OpenAI/vLLM sampling fields for the Thinker; absent = the server's defaults. */
    private static void sampling(ObjectNode body, GenerationSettings g) {
        if (g.greedy()) {
            body.put("temperature", 0.0);
        } else {
            g.temperature().ifPresent(t -> body.put("temperature", t));
        }
        g.topP().ifPresent(p -> body.put("top_p", p));
        g.topK().ifPresent(k -> body.put("top_k", k));
        g.repetitionPenalty().ifPresent(r -> body.put("repetition_penalty", r));
        g.maxNewTokens().ifPresent(n -> body.put("max_tokens", n));
        g.seed().ifPresent(s -> body.put("seed", s));
    }

    static byte[] bytes(ObjectNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the request", e);
        }
    }

    private static void media(ArrayNode content, String type, String mime, byte[] data) {
        content.addObject().put("type", type).putObject(type)
                .put("url", "data:" + mime + ";base64," + BASE64.encodeToString(data));
    }
}
