// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.omnidesk.runtime.api.ErrorKind;
import org.omnidesk.runtime.api.InferenceException;

/**
 * The conversation as OpenAI-style messages, kept on the client because the server is
 * stateless: every request carries the whole history (media included, so later questions can
 * refer to them; vLLM's prefix cache spares the recomputation). A turn is added only when it
 * ended (finished or cancelled with its partial answer); a failed turn leaves it as it was.
 * Used by the engine thread only.
 */
final class Conversation {

    private final List<ObjectNode> messages = new ArrayList<>();
    private boolean videoWithSound;
    private boolean videoWithoutSound;

    /** A turn about to be sent: the messages of the request and what commits it. */
    record Pending(List<ObjectNode> messages, ObjectNode user, boolean hasVideo, boolean useAudioInVideo,
                   boolean withSound, boolean withoutSound) {}

    Pending next(Optional<String> systemPrompt, List<UploadPart> parts) {
        boolean withSound = videoWithSound;
        boolean withoutSound = videoWithoutSound;
        for (UploadPart p : parts) {
            if (p instanceof UploadPart.Video v) {
                withSound |= v.withSound();
                withoutSound |= !v.withSound();
            }
        }
        if (withSound && withoutSound) {
            // vLLM-Omni takes use_audio_in_video once per request, for every video in it.
            throw new InferenceException(ErrorKind.UNSUPPORTED_INPUT, "A remote server applies 'use the video's"
                    + " sound' to every video of a conversation, and this one would mix videos with and without it;"
                    + " start a new conversation for this video");
        }
        List<ObjectNode> request = new ArrayList<>(messages);
        if (request.isEmpty()) {
            request.add(ChatRequest.system(systemPrompt.orElse(ChatRequest.DEFAULT_SYSTEM_PROMPT)));
        }
        ObjectNode user = ChatRequest.user(parts);
        request.add(user);
        return new Pending(request, user, withSound || withoutSound, withSound, withSound, withoutSound);
    }

    /** Keeps a turn that ended: its user message and the (possibly partial) answer. */
    void commit(Pending turn, String answer) {
        if (messages.isEmpty()) {
            messages.add(turn.messages().get(0));
        }
        messages.add(turn.user());
        messages.add(ChatRequest.assistant(answer));
        videoWithSound = turn.withSound();
        videoWithoutSound = turn.withoutSound();
    }

    void clear() {
        messages.clear();
        videoWithSound = false;
        videoWithoutSound = false;
    }

    int size() {
        return messages.size();
    }
}
