// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.omnidesk.app.media.MediaInputs;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.runtime.api.GenerationSettings;
import org.omnidesk.runtime.api.UserInput;

/**
 * {@code ask --request REQ.json}: a system message (optional) and one user message whose items
 * name media by {@code "path"} (relative to the request file), plus optional generation overrides.
 */
record AskRequest(String system, List<UserInput> inputs, boolean speech, GenerationSettings generation) {

    static AskRequest read(Path file) throws IOException, MediaException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("request file " + file + " not found");
        }
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        String system = null;
        List<UserInput> inputs = new ArrayList<>();
        boolean audioInVideo = root.path("use_audio_in_video").asBoolean(false);
        for (JsonNode m : root.path("messages")) {
            String role = m.path("role").asText();
            JsonNode content = m.path("content");
            if (role.equals("system")) {
                system = content.isTextual() ? content.asText() : content.path(0).path("text").asText();
            } else if (role.equals("user") && inputs.isEmpty()) {
                if (content.isTextual()) {
                    inputs.add(new UserInput.Text(content.asText()));
                }
                for (JsonNode item : content) {
                    inputs.add(item(item, file.toAbsolutePath().getParent(), audioInVideo));
                }
            } else {
                throw new IllegalArgumentException(file + ": ask takes one system and one user message; "
                        + "use the app for conversations (found a second '" + role + "' message)");
            }
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException(file + ": no user message");
        }
        JsonNode g = root.path("generation");
        GenerationSettings gen = new GenerationSettings(g.path("greedy").asBoolean(false), dbl(g, "temperature"),
                g.has("top_k") ? OptionalInt.of(g.get("top_k").asInt()) : OptionalInt.empty(), dbl(g, "top_p"),
                dbl(g, "repetition_penalty"),
                g.has("max_new_tokens") ? OptionalInt.of(g.get("max_new_tokens").asInt()) : OptionalInt.empty(),
                g.has("seed") ? OptionalLong.of(g.get("seed").asLong()) : OptionalLong.empty());
        return new AskRequest(system, inputs, root.path("speech").asBoolean(true), gen);
    }

    private static OptionalDouble dbl(JsonNode g, String name) {
        return g.has(name) ? OptionalDouble.of(g.get(name).asDouble()) : OptionalDouble.empty();
    }

    private static UserInput item(JsonNode item, Path base, boolean audioInVideo) throws MediaException {
        String type = item.path("type").asText();
        if (type.equals("text")) {
            return new UserInput.Text(item.path("text").asText());
        }
        if (!item.has("path")) {
            throw new IllegalArgumentException("a '" + type + "' item needs a \"path\" for ask");
        }
        Path p = base.resolve(item.get("path").asText());
        return switch (type) {
            case "image" -> MediaInputs.image(p);
            case "audio" -> MediaInputs.audio(p);
            case "video" -> MediaInputs.video(p, audioInVideo, f -> { });
            default -> throw new IllegalArgumentException("unknown item type '" + type + "'");
        };
    }
}
