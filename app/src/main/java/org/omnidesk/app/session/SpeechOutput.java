// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.session;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.omnidesk.app.media.Speaker;
import org.omnidesk.capture.api.AudioChunk;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.api.PlaybackSink;
import org.omnidesk.runtime.api.AssistantEvent;

/**
 * Feeds answer speech to the speaker on the speech thread, so the engine's thread never blocks
 * on a full playback queue. The end of an answer goes through the same thread, after its last
 * chunk, and is followed by "drained" once the speaker has played everything. {@link #stopNow}
 * cuts playback at once from any thread (barge-in, Stop) and makes queued work of older
 * answers a no-op.
 */
final class SpeechOutput implements AutoCloseable {

    interface Listener {
        /** The turn's first chunk is playing. */
        void audioQueued(ActiveTurn turn);

        /** The engine has ended the turn (ordered after its chunks). */
        void answerEnded(ActiveTurn turn);

        /** Everything the turn said has been played. */
        void drained(ActiveTurn turn);

        void problem(String message);
    }

    private static final Duration OFFER_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DRAIN_POLL = Duration.ofMillis(50);

    private final Speaker speaker;
    private final ExecutorService thread;
    private final Executor playback;
    private final Listener listener;
    private final AtomicLong generation = new AtomicLong();
    private volatile PlaybackSink sink;
    private boolean unavailable;

    SpeechOutput(Speaker speaker, ExecutorService thread, Executor playback, Listener listener) {
        this.speaker = speaker;
        this.thread = thread;
        this.playback = playback;
        this.listener = listener;
    }

    /** Called on the engine thread for each chunk of the turn. */
    void play(ActiveTurn turn, AssistantEvent.SpeechChunk chunk) {
        long g = generation.get();
        thread.execute(() -> {
            PlaybackSink out = g == generation.get() ? sink() : null;
            if (out == null) {
                return;
            }
            if (chunk.sampleRate() != out.sampleRate()) {
                listener.problem("speech arrives at " + chunk.sampleRate() + " Hz but the speaker plays "
                        + out.sampleRate() + " Hz; this answer is shown as text only");
                return;
            }
            try {
                boolean first = turn.firstAudio();
                if (out.offer(new AudioChunk(chunk.pcm(), chunk.sampleRate(), chunk.nanoTime()), OFFER_TIMEOUT) && first) {
                    listener.audioQueued(turn);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Called on the engine thread when the turn has ended (finished, cancelled or failed). */
    void end(ActiveTurn turn) {
        long g = generation.get();
        thread.execute(() -> {
            listener.answerEnded(turn);
            PlaybackSink out = sink;
            try {
                // Short waits, so a stop (new generation) ends the wait at once.
                boolean idle = out == null;
                while (!idle && g == generation.get()) {
                    idle = out.awaitIdle(DRAIN_POLL);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (g == generation.get()) {
                listener.drained(turn);
            }
        });
    }

    /** Silences the speaker now and drops whatever older answers still queued. */
    void stopNow() {
        generation.incrementAndGet();
        PlaybackSink out = sink;
        if (out != null) {
            out.stop();
        }
    }

    /** The speaker, opened on first use on the speech thread; null when it cannot be opened. */
    private PlaybackSink sink() {
        if (sink == null && !unavailable) {
            try {
                sink = speaker.open(playback);
            } catch (MediaException | RuntimeException e) {
                unavailable = true;
                listener.problem("no sound output (" + e.getMessage() + "); answers are shown as text only");
            }
        }
        return sink;
    }

    @Override
    public void close() {
        generation.incrementAndGet();
        PlaybackSink out = sink;
        if (out != null) {
            out.close();
        }
    }
}
