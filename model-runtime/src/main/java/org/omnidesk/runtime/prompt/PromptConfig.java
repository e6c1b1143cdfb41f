// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.prompt;

import org.omnidesk.runtime.pkg.ModelManifest;
import org.omnidesk.runtime.pkg.ModelPackageException;
import org.omnidesk.runtime.tokenizer.Tokenizer;

/**
 * What the chat template and TMRoPE need from a model: the special token ids, the system prompt
 * that speech output requires, and the TMRoPE constants (position ids per second, seconds per
 * audio/video chunk, spatial merge of the vision grid).
 */
public record PromptConfig(long imStart, long imEnd, long audio, long audioBos, long audioEos, long visionBos,
                           long visionEos, long image, long video, String speechSystemPrompt,
                           int positionIdPerSeconds, int secondsPerChunk, int spatialMerge) {

    /**
     * Qwen2.5-Omni's values (QWEN25_OMNI.md §1.2, §1.3, §5) for tools that run without a package (the
     * {@code prompt} command on raw ids or a bare tokenizer.json); the runtime reads the manifest.
     */
    public static final PromptConfig QWEN25_OMNI = new PromptConfig(151644, 151645, 151646, 151647, 151648,
            151652, 151653, 151655, 151656, "You are Qwen, a virtual human developed by the Qwen Team, Alibaba"
            + " Group, capable of perceiving auditory and visual inputs, as well as generating text and speech.",
            25, 2, 2);

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
     * Checks that the tokenizer gives these ids to the special tokens' names: a manifest and a
     * tokenizer.json that disagree would silently scramble every prompt.
     */
    public void requireMatches(Tokenizer tok) {
        String[] names = {"<|im_start|>", "<|im_end|>", "<|AUDIO|>", "<|audio_bos|>", "<|audio_eos|>",
                "<|vision_bos|>", "<|vision_eos|>", "<|IMAGE|>", "<|VIDEO|>"};
        long[] ids = {imStart, imEnd, audio, audioBos, audioEos, visionBos, visionEos, image, video};
        for (int i = 0; i < names.length; i++) {
            long actual = tok.addedTokenId(names[i]);
            if (actual != ids[i]) {
                throw new ModelPackageException("tokenizer.json gives " + names[i] + " the id " + actual
                        + ", the manifest's tokens say " + ids[i] + "; the package is inconsistent: re-export it");
            }
        }
    }

    /** Temporal position ids per audio/video chunk (50): the interleaving unit of audio-in-video. */
    public int tokensPerChunk() {
        return positionIdPerSeconds * secondsPerChunk;
    }
}
