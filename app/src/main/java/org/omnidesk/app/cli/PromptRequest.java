// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.omnidesk.app.media.MediaInputs;
import org.omnidesk.capture.api.MediaException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.omnidesk.runtime.prompt.Content;
import org.omnidesk.runtime.prompt.GridThw;
import org.omnidesk.runtime.prompt.MediaSizes;
import org.omnidesk.runtime.prompt.Message;

/**
 * The request file of {@code omnidesk prompt --json REQ.json}, in one of two forms:
 * <pre>
 * {"messages": [{"role": "user", "content": [{"type": "image", "grid_thw": [1, 4, 6]},
 *                                            {"type": "text", "text": "What is this?"}]}],
 *  "use_audio_in_video": false, "add_generation_prompt": true, "speech": false}
 * {"input_ids": [...], "image_grid_thw": [[t, h, w]], "video_grid_thw": [[t, h, w]],
 *  "video_second_per_grid": [1.0], "audio_feature_lengths": [1100], "use_audio_in_video": false}
 * </pre>
 * Media items go by size: audio {"frames": mel frames}, image {"grid_thw"}, video {"grid_thw",
 * "second_per_grid", "audio_frames"}. Content may also be a plain string.
 */
sealed interface PromptRequest {

    record Chat(List<Message> messages, boolean speech, boolean addGenerationPrompt) implements PromptRequest {}

    record Raw(long[] inputIds, MediaSizes media, boolean useAudioInVideo) implements PromptRequest {}

    static PromptRequest read(Path file) {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": file not found; give the request file with --json");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": cannot be read as JSON (" + UserMessages.oneLine(e) + ")", e);
        }
        if (root == null || !root.isObject() || !(root.has("messages") ^ root.has("input_ids"))) {
            throw new IllegalArgumentException(name + ": give either \"messages\" or \"input_ids\" (see omnidesk prompt --help)");
        }
        Reader r = new Reader(name, file.toAbsolutePath().getParent());
        boolean useAudioInVideo = root.path("use_audio_in_video").asBoolean(false);
        return root.has("messages")
                ? new Chat(r.messages(root.get("messages"), useAudioInVideo), root.path("speech").asBoolean(false),
                        root.path("add_generation_prompt").asBoolean(true))
                : r.raw(root, useAudioInVideo);
    }

    /** Reads the JSON nodes, naming the failing node as a JSON path in every message. */
    final class Reader {
        private final String file;
        private final Path base; // media paths are relative to the request file's folder

        private Reader(String file, Path base) {
            this.file = file;
            this.base = base;
        }

        private IllegalArgumentException bad(String where, String what) {
            return new IllegalArgumentException(file + ": " + where + ": " + what);
        }

        List<Message> messages(JsonNode messages, boolean useAudioInVideo) {
            if (!messages.isArray()) {
                throw bad("messages", "must be a list");
            }
            List<Message> out = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                String where = "messages[" + i + "]";
                JsonNode m = messages.get(i);
                Message.Role role;
                try {
                    role = Message.Role.valueOf(m.path("role").asText().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw bad(where, "role must be system, user or assistant");
                }
                JsonNode content = m.path("content");
                List<Content> items = new ArrayList<>();
                if (content.isTextual()) {
                    items.add(new Content.Text(content.asText()));
                } else if (content.isArray()) {
                    for (int k = 0; k < content.size(); k++) {
                        items.add(item(where + ".content[" + k + "]", content.get(k), useAudioInVideo));
                    }
                } else {
                    throw bad(where, "content must be a string or a list of items");
                }
                out.add(new Message(role, items));
            }
            return out;
        }

        private Content item(String where, JsonNode item, boolean useAudioInVideo) {
            String type = item.path("type").asText();
            if (item.has("path") && !type.equals("text")) {
                return measured(where, type, base.resolve(text(where, item, "path")), useAudioInVideo);
            }
            try {
                return switch (type) {
                    case "text" -> new Content.Text(text(where, item, "text"));
                    case "audio" -> new Content.Audio(integer(where, item, "frames"));
                    case "image" -> new Content.Image(grid(where, item.get("grid_thw")));
                    case "video" -> new Content.Video(grid(where, item.get("grid_thw")),
                            number(where, item, "second_per_grid"),
                            useAudioInVideo ? OptionalInt.of(integer(where, item, "audio_frames")) : OptionalInt.empty());
                    default -> throw bad(where, "type must be text, audio, image or video, not '" + type + "'");
                };
            } catch (IllegalArgumentException e) {
                throw e.getMessage().startsWith(file) ? e : bad(where, e.getMessage());
            }
        }

        /** A media file run through the front end (decode, resample, log-mel / resize, patchify) for its size. */
        private Content measured(String where, String type, Path media, boolean useAudioInVideo) {
            try {
                return switch (type) {
                    case "audio" -> Content.of(MediaInputs.audio(media));
                    case "image" -> Content.of(MediaInputs.image(media));
                    case "video" -> Content.of(MediaInputs.video(media, useAudioInVideo, done -> { }));
                    default -> throw bad(where, "type must be text, audio, image or video, not '" + type + "'");
                };
            } catch (MediaException e) {
                throw bad(where, e.getMessage());
            }
        }

        Raw raw(JsonNode root, boolean useAudioInVideo) {
            JsonNode ids = root.get("input_ids");
            if (ids.isArray() && ids.size() == 1 && ids.get(0).isArray()) {
                ids = ids.get(0); // [[...]]: a batch of one, as transformers writes it
            }
            List<GridThw> images = grids("image_grid_thw", root.path("image_grid_thw"));
            List<GridThw> videos = grids("video_grid_thw", root.path("video_grid_thw"));
            List<Double> spg = new ArrayList<>();
            root.path("video_second_per_grid").forEach(n -> spg.add(n.asDouble()));
            List<Integer> audio = new ArrayList<>();
            root.path("audio_feature_lengths").forEach(n -> audio.add(n.asInt()));
            return new Raw(longs("input_ids", ids), new MediaSizes(images, videos, spg, audio), useAudioInVideo);
        }

        private List<GridThw> grids(String where, JsonNode list) {
            List<GridThw> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(grid(where + "[" + i + "]", list.get(i)));
            }
            return out;
        }

        private GridThw grid(String where, JsonNode g) {
            if (g == null || !g.isArray() || g.size() != 3 || !g.get(0).canConvertToInt()) {
                throw bad(where, "grid_thw must be [t, h, w]");
            }
            return new GridThw(g.get(0).asInt(), g.get(1).asInt(), g.get(2).asInt());
        }

        private long[] longs(String where, JsonNode list) {
            if (!list.isArray()) {
                throw bad(where, "must be a list of token ids");
            }
            long[] out = new long[list.size()];
            for (int i = 0; i < out.length; i++) {
                if (!list.get(i).canConvertToLong()) {
                    throw bad(where + "[" + i + "]", "not a token id");
                }
                out[i] = list.get(i).asLong();
            }
            return out;
        }

        private String text(String where, JsonNode item, String field) {
            if (!item.path(field).isTextual()) {
                throw bad(where, "needs \"" + field + "\" (a string)");
            }
            return item.get(field).asText();
        }

        private int integer(String where, JsonNode item, String field) {
            if (!item.path(field).canConvertToInt()) {
                throw bad(where, "needs \"" + field + "\" (a whole number)");
            }
            return item.get(field).asInt();
        }

        private double number(String where, JsonNode item, String field) {
            if (!item.path(field).isNumber()) {
                throw bad(where, "needs \"" + field + "\" (a number)");
            }
            return item.get(field).asDouble();
        }
    }
}
