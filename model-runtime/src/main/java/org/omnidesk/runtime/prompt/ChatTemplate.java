// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.prompt;

import java.util.ArrayList;
import java.util.List;
import org.omnidesk.runtime.prompt.Message.Role;
import org.omnidesk.runtime.tokenizer.Tokenizer;

/**
 * ChatML as the Qwen2.5-Omni template renders it (QWEN25_OMNI.md §1.3-1.4), straight to token ids:
 * {@code <|im_start|>role\n} + items + {@code <|im_end|>\n} per message; an image as
 * {@code <|vision_bos|>} + t·h·w/4 {@code <|IMAGE|>} + {@code <|vision_eos|>}, an audio as
 * {@code <|audio_bos|>} + N {@code <|AUDIO|>} + {@code <|audio_eos|>}, a video likewise with
 * {@code <|VIDEO|>}, a video with its sound as {@code <|vision_bos|><|audio_bos|>} + 2 s chunks of
 * video then audio tokens + {@code <|audio_eos|><|vision_eos|>}. Text pieces between special tokens
 * are tokenised as the whole rendered string would be. Then TMRoPE positions and placeholder spans.
 *
 * <pre>{@code
 * ChatTemplate template = new ChatTemplate(tokenizer, PromptConfig.of(pkg.manifest()));
 * Prompt p = template.render(List.of(new Message(Role.USER, List.of(new Content.Image(new GridThw(1, 4, 6)),
 *         new Content.Text("What is in this image?")))), false, true);
 * // p.inputIds(), p.positions().ids() [3][S], p.ropeDelta(), p.spans()
 * }</pre>
 */
public final class ChatTemplate {

    /** The template's own system prompt when the conversation has none and speech is off. */
    public static final String DEFAULT_SYSTEM_PROMPT = "You are a helpful assistant.";
    /** The assistant's acknowledgement after a persona moved into a user turn (speech on). */
    public static final String PERSONA_ACK = "Sure, I got it.";

    private final Tokenizer tokenizer;
    private final PromptConfig config;
    private final RopeIndex rope;

    /** Fails if the tokenizer and the config disagree on the special tokens' ids. */
    public ChatTemplate(Tokenizer tokenizer, PromptConfig config) {
        config.requireMatches(tokenizer);
        this.tokenizer = tokenizer;
        this.config = config;
        this.rope = new RopeIndex(config);
    }

    /**
     * A conversation from its start. System prompt rules: with {@code speech} the manifest's speech
     * system prompt is forced; a different system message (a persona) then becomes a user turn
     * followed by the assistant's "Sure, I got it.". Without speech and without a system message the
     * template's "You are a helpful assistant." is inserted. {@code addGenerationPrompt} appends
     * {@code <|im_start|>assistant\n}.
     */
    public Prompt render(List<Message> conversation, boolean speech, boolean addGenerationPrompt) {
        return build(RopeState.EMPTY, false, withSystemPrompt(conversation, speech), addGenerationPrompt);
    }

    /**
     * The next turn of a conversation whose tokens are in a KV cache described by {@code cache}.
     * With {@code closeAssistantTurn} the block starts with the {@code <|im_end|>\n} that ends the
     * assistant reply generation stopped in (generation stops on {@code <|im_end|>} without feeding it).
     * Positions continue exactly as get_rope_index over the whole conversation would give them.
     */
    public Prompt append(RopeState cache, boolean closeAssistantTurn, List<Message> messages,
                         boolean addGenerationPrompt) {
        return build(cache, closeAssistantTurn, messages, addGenerationPrompt);
    }

    private List<Message> withSystemPrompt(List<Message> conversation, boolean speech) {
        boolean hasSystem = !conversation.isEmpty() && conversation.get(0).role() == Role.SYSTEM;
        List<Message> out = new ArrayList<>();
        if (!speech) {
            if (!hasSystem) {
                out.add(Message.text(Role.SYSTEM, DEFAULT_SYSTEM_PROMPT));
            }
            out.addAll(conversation);
            return out;
        }
        if (hasSystem && config.speechSystemPrompt().equals(conversation.get(0).plainText())) {
            return conversation;
        }
        out.add(Message.text(Role.SYSTEM, config.speechSystemPrompt()));
        if (hasSystem) {
            out.add(new Message(Role.USER, conversation.get(0).content()));
            out.add(Message.text(Role.ASSISTANT, PERSONA_ACK));
            out.addAll(conversation.subList(1, conversation.size()));
        } else {
            out.addAll(conversation);
        }
        return out;
    }

    private Prompt build(RopeState cache, boolean closeAssistantTurn, List<Message> messages,
                         boolean addGenerationPrompt) {
        Rendering r = new Rendering();
        if (closeAssistantTurn) {
            r.special(config.imEnd());
            r.text("\n");
        }
        for (Message m : messages) {
            r.special(config.imStart());
            r.text(m.role().wireName() + "\n");
            for (Content c : m.content()) {
                r.item(c);
            }
            r.special(config.imEnd());
            r.text("\n");
        }
        if (addGenerationPrompt) {
            r.special(config.imStart());
            r.text(Role.ASSISTANT.wireName() + "\n");
        }
        long[] ids = r.ids();
        MediaSizes sizes = r.sizes();
        return new Prompt(ids, rope.append(cache, ids, sizes), r.media, MediaSpans.find(ids, r.media, config));
    }

    /** Collects ids: text pieces wait until the next special token so that adjacent text is tokenised at once. */
    private final class Rendering {
        private final List<Long> ids = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private final List<Content> media = new ArrayList<>();
        private final List<GridThw> images = new ArrayList<>();
        private final List<GridThw> videos = new ArrayList<>();
        private final List<Double> secondPerGrid = new ArrayList<>();
        private final List<Integer> audioFrames = new ArrayList<>();

        void text(String s) {
            text.append(s);
        }

        void special(long... tokens) {
            flush();
            for (long t : tokens) {
                ids.add(t);
            }
        }

        void repeat(long token, int n) {
            flush();
            for (int i = 0; i < n; i++) {
                ids.add(token);
            }
        }

        void item(Content c) {
            if (c instanceof Content.Text t) {
                text(t.text());
                return;
            }
            media.add(c);
            if (c instanceof Content.Audio a) {
                audioFrames.add(a.melFrames());
                special(config.audioBos());
                repeat(config.audio(), AudioTokens.count(a.melFrames()));
                special(config.audioEos());
            } else if (c instanceof Content.Image i) {
                images.add(i.grid());
                special(config.visionBos());
                repeat(config.image(), i.grid().tokens(config.spatialMerge()));
                special(config.visionEos());
            } else {
                Content.Video v = (Content.Video) c;
                videos.add(v.grid());
                secondPerGrid.add(v.secondPerGrid());
                if (v.withAudio()) {
                    audioFrames.add(v.audioFrames().getAsInt());
                    special(config.visionBos(), config.audioBos());
                    interleave(v);
                    special(config.audioEos(), config.visionEos());
                } else {
                    special(config.visionBos());
                    repeat(config.video(), v.grid().tokens(config.spatialMerge()));
                    special(config.visionEos());
                }
            }
        }

        /**
         * The processor's audio-in-video placeholders: video token k of temporal grid t has time
         * t·second_per_grid·25 (float64, as numpy), audio token i has i; both split at multiples of
         * 50 (get_chunked_index); chunk j's video tokens, then its audio tokens.
         */
        private void interleave(Content.Video v) {
            int perGrid = v.grid().tokens(config.spatialMerge()) / v.grid().t();
            double[] videoTimes = new double[perGrid * v.grid().t()];
            for (int i = 0; i < videoTimes.length; i++) {
                videoTimes[i] = (i / perGrid) * v.secondPerGrid() * config.positionIdPerSeconds();
            }
            double[] audioTimes = new double[AudioTokens.count(v.audioFrames().getAsInt())];
            for (int i = 0; i < audioTimes.length; i++) {
                audioTimes[i] = i;
            }
            List<int[]> vc = ChunkedIndex.split(videoTimes, config.tokensPerChunk());
            List<int[]> ac = ChunkedIndex.split(audioTimes, config.tokensPerChunk());
            for (int j = 0; j < Math.max(vc.size(), ac.size()); j++) {
                if (j < vc.size()) {
                    repeat(config.video(), vc.get(j)[1] - vc.get(j)[0]);
                }
                if (j < ac.size()) {
                    repeat(config.audio(), ac.get(j)[1] - ac.get(j)[0]);
                }
            }
        }

        private void flush() {
            if (text.length() > 0) {
                for (long id : tokenizer.encode(text.toString())) {
                    ids.add(id);
                }
                text.setLength(0);
            }
        }

        long[] ids() {
            flush();
            return ids.stream().mapToLong(Long::longValue).toArray();
        }

        MediaSizes sizes() {
            return new MediaSizes(images, videos, secondPerGrid, audioFrames);
        }
    }
}
