// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.decode;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.omnidesk.runtime.api.FinishReason;
import org.omnidesk.runtime.encode.Encoders;

/**
 * The Thinker's generation loop: prefill → pick → stream text → stop? → feed → repeat, as
 * transformers' generate does it. The last picked token is never fed (generate stops after
 * sampling it), so the fed tokens g₀…g_{N−2} are exactly the rows the Talker receives.
 */
public final class Generator {

    /** Stop conditions of one turn. {@code contextWindow} is the model's max positions. */
    public record Limits(int maxNewTokens, int contextWindow, long[] stopTokens) {}

    /** A token after it was fed: its input embedding [D] and final hidden state [D] (null without speech). */
    public record Fed(int token, float[] embedding, float[] hidden) {}

    /** Receives the turn's progress on the generating thread. */
    public interface Sink {
        /** Called once after prefill with the prompt's final hidden states [S, D] (null without speech). */
        default void prefilled(float[] promptHidden) {
        }

        void text(String delta, int tokenIndex);

        /** A token was fed; with speech on this is where one Talker step runs (interleaving). */
        default void fed(Fed token) throws OrtException {
        }
    }

    /** The turn's outcome: every picked token (the stop token included) and why it ended. */
    public record Result(List<Integer> tokens, FinishReason reason, long nextPosition) {}

    private final DecoderGraph decoder;
    private final Encoders encoders;

    public Generator(DecoderGraph decoder, Encoders encoders) {
        this.decoder = decoder;
        this.encoders = encoders;
    }

    public Result generate(Prefill prompt, KvCache cache, TokenPicker picker, TokenHistory history, Limits limits,
                           TextStream text, boolean wantHidden, BooleanSupplier cancelled,
                           OrtSession.RunOptions runOptions, Sink sink) throws OrtException {
        List<Integer> tokens = new ArrayList<>();
        long position = prompt.nextPosition();
        if (cache.length() + prompt.ids().length >= limits.contextWindow()) {
            return new Result(tokens, FinishReason.CONTEXT_FULL, position);
        }
        history.addAll(prompt.ids());
        try {
            DecoderGraph.Step step = decoder.run(prompt.embeds(), prompt.positions(), cache, wantHidden, runOptions);
            sink.prefilled(step.hidden());
            while (true) {
                if (cancelled.getAsBoolean()) {
                    return finish(tokens, FinishReason.CANCELLED, position, text, sink);
                }
                int token = picker.pick(step.logits(), history);
                history.add(token);
                tokens.add(token);
                if (isStop(token, limits.stopTokens())) {
                    return finish(tokens, FinishReason.STOP, position, text, sink);
                }
                sink.text(text.push(token), tokens.size() - 1);
                if (tokens.size() == limits.maxNewTokens()) {
                    return finish(tokens, FinishReason.MAX_TOKENS, position, text, sink);
                }
                if (cache.length() + 1 >= limits.contextWindow()) {
                    return finish(tokens, FinishReason.CONTEXT_FULL, position, text, sink);
                }
                float[] embedding = encoders.embedTokens(new long[] {token}, runOptions);
                step = decoder.run(embedding, new long[][] {{position}, {position}, {position}}, cache, wantHidden, runOptions);
                position++;
                sink.fed(new Fed(token, embedding, step.hidden()));
            }
        } catch (OrtException e) {
            // A cancel terminates the run in flight (RunOptions.setTerminate): that is a normal end.
            if (cancelled.getAsBoolean()) {
                return finish(tokens, FinishReason.CANCELLED, position, text, sink);
            }
            throw e;
        }
    }

    private static Result finish(List<Integer> tokens, FinishReason reason, long position, TextStream text, Sink sink) {
        String rest = text.flush();
        if (!rest.isEmpty()) {
            sink.text(rest, tokens.size() - 1);
        }
        return new Result(tokens, reason, position);
    }

    private static boolean isStop(int token, long[] stops) {
        for (long s : stops) {
            if (s == token) {
                return true;
            }
        }
        return false;
    }
}
