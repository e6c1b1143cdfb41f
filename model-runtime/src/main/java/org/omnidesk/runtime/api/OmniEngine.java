// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.api;

/**
 * The assistant engine as the UI, the app and the command line see it: local (ONNX Runtime),
 * remote (an OpenAI-compatible server) or scripted (tests). Implementations own one inference
 * thread; events reach the listener on that thread, in order.
 *
 * <pre>{@code
 * try (OmniEngine engine = EngineProvider.open("local", options)) {
 *     TurnHandle turn = engine.submit(TurnRequest.text("Hello"), event -> { ... });
 *     TurnResult result = turn.completion().join();
 * }
 * }</pre>
 */
public interface OmniEngine extends AutoCloseable {

    /** What runs: model, execution provider per graph (and why), or the remote host. */
    EngineInfo info();

    /** Starts a turn with all its inputs known; the conversation's cache is reused. */
    TurnHandle submit(TurnRequest request, AssistantEventListener listener);

    /**
     * Opens a turn whose inputs arrive while the user is still speaking (block-wise prefill:
     * each 2 s audio block and each camera frame pair is encoded and pre-filled as it comes).
     */
    LiveTurn openLiveTurn(LiveTurnOptions options, AssistantEventListener listener);

    /** Forgets the conversation (history and KV cache); the model stays loaded. */
    void resetConversation();

    @Override
    void close();
}
