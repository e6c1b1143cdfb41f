// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.omnidesk.runtime.prompt.ChatTemplate;
import org.omnidesk.runtime.prompt.Prompt;
import org.omnidesk.runtime.prompt.PromptConfig;
import org.omnidesk.runtime.prompt.RopeIndex;
import org.omnidesk.runtime.prompt.RopePositions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code omnidesk prompt --json REQ.json [--model DIR | --tokenizer FILE]}: the Thinker's prompt ids and
 * TMRoPE positions for a conversation (or for raw ids with media sizes) as
 * {@code {"input_ids": [...], "position_ids": [[T...], [H...], [W...]], "rope_delta": n}}.
 */
@Command(name = "prompt", mixinStandardHelpOptions = true,
        description = {"Print input_ids, position_ids [3][S] and rope_delta for a chat request or raw ids.",
            "REQ.json: {\"messages\": [...], \"speech\": false, \"add_generation_prompt\": true,"
                + " \"use_audio_in_video\": false} with media by size ({\"type\":\"audio\",\"frames\":1100},"
                + " {\"type\":\"image\",\"grid_thw\":[1,4,6]}, {\"type\":\"video\",\"grid_thw\":[t,h,w],"
                + "\"second_per_grid\":1.0,\"audio_frames\":800}), or {\"input_ids\": [...], \"image_grid_thw\": [[...]],"
                + " \"video_grid_thw\": [[...]], \"video_second_per_grid\": [...], \"audio_feature_lengths\": [...],"
                + " \"use_audio_in_video\": false}.",
            "Messages need --model or --tokenizer; raw ids use the package's ids, or Qwen2.5-Omni's without one."})
final class PromptCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", paramLabel = "REQ.json", required = true, description = "The request file.")
    Path request;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    ModelSource source;

    @Override
    public Integer call() throws JsonProcessingException {
        PromptRequest req = PromptRequest.read(request);
        Map<String, Object> out = new LinkedHashMap<>();
        if (req instanceof PromptRequest.Chat chat) {
            if (source == null) {
                throw new IllegalArgumentException(request.getFileName() + ": messages need a tokenizer: add --model DIR"
                        + " or --tokenizer FILE");
            }
            try (ModelSource.Loaded loaded = source.open(spec.commandLine().getErr())) {
                Prompt p = new ChatTemplate(loaded.tokenizer(), loaded.config())
                        .render(chat.messages(), chat.speech(), chat.addGenerationPrompt());
                put(out, p.inputIds(), p.positions());
            }
        } else {
            PromptRequest.Raw raw = (PromptRequest.Raw) req;
            PromptConfig config = source == null ? PromptConfig.QWEN25_OMNI : source.config(spec.commandLine().getErr());
            requireAudioInVideoFlag(raw, config);
            put(out, raw.inputIds(), new RopeIndex(config).compute(raw.inputIds(), raw.media()));
        }
        spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(out));
        return 0;
    }

    private static void put(Map<String, Object> out, long[] ids, RopePositions positions) {
        out.put("input_ids", ids);
        out.put("position_ids", positions.ids());
        out.put("rope_delta", positions.state().ropeDelta());
    }

    /**
     * transformers takes one use_audio_in_video flag for all videos; the ids show it per video
     * ({@code <|vision_bos|><|audio_bos|>}). Refuse a request where the two disagree.
     */
    private void requireAudioInVideoFlag(PromptRequest.Raw raw, PromptConfig config) {
        long[] ids = raw.inputIds();
        int withSound = 0;
        for (int i = 0; i + 1 < ids.length; i++) {
            if (ids[i] == config.visionBos() && ids[i + 1] == config.audioBos()) {
                withSound++;
            }
        }
        int videos = raw.media().videos().size();
        if (raw.useAudioInVideo() ? withSound != videos : withSound != 0) {
            throw new IllegalArgumentException(request.getFileName() + ": use_audio_in_video is "
                    + raw.useAudioInVideo() + " but " + withSound + " of " + videos + " videos in input_ids carry"
                    + " their sound (<|vision_bos|><|audio_bos|>)");
        }
    }
}
