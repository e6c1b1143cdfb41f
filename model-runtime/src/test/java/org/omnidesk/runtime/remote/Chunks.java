// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

import java.util.Base64;

/** Stream payloads in the shapes of vLLM-Omni's chat_completion_stream_generator (serving_chat.py @00a3619). */
public final class Chunks {

    public static final String DONE = "[DONE]";

    private Chunks() {
    }

    private static String chunk(String modality, String delta, String finish, String usage) {
        return "{\"id\":\"chatcmpl-7\",\"object\":\"chat.completion.chunk\",\"created\":1767000000,"
                + "\"model\":\"Qwen/Qwen2.5-Omni-7B\",\"choices\":[{\"index\":0,\"delta\":" + delta
                + ",\"logprobs\":null,\"finish_reason\":" + finish + "}]"
                + (usage == null ? "" : ",\"usage\":" + usage) + ",\"modality\":\"" + modality + "\"}";
    }

    private static String usage(int prompt, int completion) {
        return "{\"prompt_tokens\":" + prompt + ",\"total_tokens\":" + (prompt + completion) + ",\"completion_tokens\":"
                + completion + "}";
    }

    /** The first chunk: the role and empty content, with continuous usage. */
    public static String role(int promptTokens) {
        return chunk("text", "{\"role\":\"assistant\",\"content\":\"\"}", "null", usage(promptTokens, 0));
    }

    public static String text(String text) {
        return chunk("text", "{\"content\":\"" + text + "\"}", "null", null);
    }

    /** An audio chunk: base64 of a whole 24 kHz 16-bit WAV in delta.content. */
    public static String audio(float[] pcm24k, boolean last) {
        String b64 = Base64.getEncoder().encodeToString(Wav.mono16(pcm24k, 24_000));
        return chunk("audio", "{\"role\":\"assistant\",\"content\":\"" + b64 + "\"}", last ? "\"stop\"" : "null",
                usage(0, 0));
    }

    public static String finishText(String reason) {
        return chunk("text", "{\"content\":\"\"}", "\"" + reason + "\"", null);
    }

    public static String usageOnly(int prompt, int completion) {
        return "{\"id\":\"chatcmpl-7\",\"object\":\"chat.completion.chunk\",\"created\":1767000000,\"model\":"
                + "\"Qwen/Qwen2.5-Omni-7B\",\"choices\":[],\"usage\":" + usage(prompt, completion) + "}";
    }

    public static String error(String message) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"InternalServerError\",\"param\":null,\"code\":500}}";
    }
}
