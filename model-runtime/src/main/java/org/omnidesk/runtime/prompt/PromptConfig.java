// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.prompt;

import org.omnidesk.runtime.pkg.ModelManifest;
import org.omnidesk.runtime.tokenizer.Tokenizer;

/**
 * What the chat template and TMRoPE need from a model: the special token ids, the system prompt
 * that speech output requires, and the TMRoPE constants (position ids per second, seconds per
 * audio/video chunk, spatial merge of the vision grid).
 */
public record PromptConfig(long imStart, long imEnd, long audio, long audioBos, long audioEos, long visionBos,
                           long visionEos, long image, long video, String speechSystemPrompt,
                           int positionIdPerSeconds, int secondsPerChunk, int spatialMerge) {

    /** The Qwen2.5-Omni speech system prompt (QWEN25_OMNI.md §1.3), for use without a package. */
    public static final String QWEN_SPEECH_SYSTEM_PROMPT = "You are Qwen, a virtual human developed by the Qwen"
            + " Team, Alibaba Group, capable of perceiving auditory and visual inputs, as well as generating text"
            + " and speech.";

    public PromptConfig {
        if (positionIdPerSeconds < 1 || secondsPerChunk < 1 || spatialMerge < 1) {
            throw new IllegalArgumentException("position_id_per_seconds, seconds_per_chunk and merge must be >= 1");
        }
        if (speechSystemPrompt == null || speechSystemPrompt.isBlank()) {
            throw new IllegalArgumentException("speech system prompt is empty");
        }
    }

    /** Everything from the package manifest (the runtime reads every number from there). */
    public static PromptConfig of(ModelManifest m) {
        ModelManifest.Tokens t = m.tokens();
        return new PromptConfig(t.imStart(), t.imEnd(), t.audio(), t.audioBos(), t.audioEos(), t.visionBos(),
                t.visionEos(), t.image(), t.video(), m.systemPromptSpeech(), m.rope().positionIdPerSeconds(),
                m.rope().secondsPerChunk(), m.vision().merge());
    }

    /**
     * Without a package (a bare {@code tokenizer.json}): ids looked up by the tokens' names in the
     * tokenizer, Qwen2.5-Omni's speech prompt and TMRoPE constants (25 ids/s, 2 s chunks, merge 2).
     */
    public static PromptConfig qwenDefaults(Tokenizer tok) {
        return new PromptConfig(tok.addedTokenId("<|im_start|>"), tok.addedTokenId("<|im_end|>"),
                tok.addedTokenId("<|AUDIO|>"), tok.addedTokenId("<|audio_bos|>"), tok.addedTokenId("<|audio_eos|>"),
                tok.addedTokenId("<|vision_bos|>"), tok.addedTokenId("<|vision_eos|>"),
                tok.addedTokenId("<|IMAGE|>"), tok.addedTokenId("<|VIDEO|>"), QWEN_SPEECH_SYSTEM_PROMPT, 25, 2, 2);
    }

    /** Temporal position ids per audio/video chunk (50): the interleaving unit of audio-in-video. */
    public int tokensPerChunk() {
        return positionIdPerSeconds * secondsPerChunk;
    }
}
