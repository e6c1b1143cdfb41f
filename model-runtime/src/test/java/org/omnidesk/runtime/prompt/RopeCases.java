// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.omnidesk.runtime.testing.SharedData;

/** The transformers get_rope_index reference cases of ../shared/data/rope (batch of one, no padding). */
record RopeCases(String name, long[] inputIds, MediaSizes media, boolean useAudioInVideo, long[][] positionIds,
                 long ropeDelta) {

    /** Qwen2.5-Omni ids (QWEN25_OMNI.md §1.2), speech prompt (§1.3), TMRoPE constants (§5); as the cases' "config". */
    static final PromptConfig QWEN = new PromptConfig(151644, 151645, 151646, 151647, 151648, 151652, 151653,
            151655, 151656, "You are Qwen, a virtual human developed by the Qwen Team, Alibaba Group, capable of"
            + " perceiving auditory and visual inputs, as well as generating text and speech.", 25, 2, 2);

    static Stream<RopeCases> all() throws IOException {
        List<RopeCases> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(SharedData.path("rope"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                cases.add(read(f));
            }
        }
        return cases.stream();
    }

    static RopeCases read(Path file) throws IOException {
        JsonNode n = new ObjectMapper().readTree(file.toFile());
        long[] ids = longs(n.get("input_ids").get(0));
        long[][] pos = new long[3][];
        for (int row = 0; row < 3; row++) {
            pos[row] = longs(n.get("position_ids").get(row).get(0));
        }
        MediaSizes media = new MediaSizes(grids(n.get("image_grid_thw")), grids(n.get("video_grid_thw")),
                list(n.get("video_second_per_grid")).stream().map(JsonNode::asDouble).toList(),
                list(n.get("audio_feature_lengths")).stream().map(JsonNode::asInt).toList());
        return new RopeCases(n.get("case").asText(), ids, media, n.get("use_audio_in_video").asBoolean(), pos,
                n.get("rope_deltas").get(0).asLong());
    }

    private static List<GridThw> grids(JsonNode node) {
        return list(node).stream().map(g -> new GridThw(g.get(0).asInt(), g.get(1).asInt(), g.get(2).asInt())).toList();
    }

    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node != null && !node.isNull()) {
            node.forEach(out::add);
        }
        return out;
    }

    static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    @Override
    public String toString() {
        return name;
    }
}
