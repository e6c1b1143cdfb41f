// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.session;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.omnidesk.app.media.Microphones;
import org.omnidesk.capture.api.AudioChunk;
import org.omnidesk.capture.api.AudioDevice;
import org.omnidesk.capture.api.AudioSource;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.api.VadEvent;
import org.omnidesk.capture.dsp.VoiceActivityDetector;

/**
 * The microphone on the voice thread. Push-to-talk opens the device when a recording starts and
 * keeps it open for {@link #KEEP_OPEN} after it, so the next question does not lose its first
 * words to the device's start; hands-free keeps it open and runs the voice activity detector,
 * whose speech start/end events drive the turn. The last {@link #PRE_ROLL} of audio is kept, so a
 * recording started by the detector (which decides after the speech began) still holds its
 * first syllable. Every block updates the level meter. All work is a task on the voice
 * executor, the polling "pump" included, so commands and audio are handled in order on one
 * thread (a live turn's calls must come from one producer).
 */
final class VoiceInput implements AutoCloseable {

    interface Listener {
        /** Microphone level in [0, 1]. */
        void level(double level);

        /** Hands-free: the detector heard speech start or end. */
        void voice(VadEvent event);

        void problem(String message);
    }

    private static final Duration POLL = Duration.ofMillis(20);
    static final long KEEP_OPEN = Duration.ofSeconds(20).toNanos();
    static final long PRE_ROLL = Duration.ofMillis(600).toNanos();

    private final Microphones microphones;
    private final ExecutorService thread;
    private final Executor capture;
    private final Listener listener;
    private volatile AudioDevice device;
    // voice thread
    private AudioSource source;
    private Recording recording;
    private VoiceActivityDetector detector;
    private final Deque<AudioChunk> recent = new ArrayDeque<>();
    private long idleSince;

    VoiceInput(Microphones microphones, ExecutorService thread, Executor capture, Listener listener) {
        this.microphones = microphones;
        this.thread = thread;
        this.capture = capture;
        this.listener = listener;
    }

    /** The microphone for the next recording; an open one that is not recording is closed (and reopened hands-free). */
    void setDevice(AudioDevice chosen) {
        device = chosen;
        thread.execute(() -> {
            if (recording == null) {
                closeSource();
                if (detector != null) {
                    open();
                }
            }
        });
    }

    /** Hands-free on: listen all the time and report speech; off: back to push-to-talk. */
    void setHandsFree(boolean on) {
        thread.execute(() -> {
            detector = on ? new VoiceActivityDetector(VoiceActivityDetector.Settings.DEFAULT, listener::voice) : null;
            if (on && source == null) {
                open();
            }
            idleSince = System.nanoTime();
        });
    }

    /**
     * Opens the microphone if needed and records into {@code into}, starting with the kept audio
     * from {@code sinceCaptureNanos} on (the detector's speech start; {@link Long#MAX_VALUE}: none),
     * until {@link #finish} or {@link #abort}.
     */
    void start(Recording into, long sinceCaptureNanos) {
        thread.execute(() -> {
            recording = into;
            if (source == null && !open()) {
                recording.abort();
                recording = null;
                return;
            }
            for (AudioChunk kept : recent) {
                if (kept.captureNanos() + kept.durationNanos() > sinceCaptureNanos) {
                    recording.accept(kept);
                }
            }
        });
    }

    /** Takes what the microphone still holds, ends the recording and hands its result to {@code done}. */
    void finish(Consumer<Recording.Result> done) {
        thread.execute(() -> {
            Recording ending = recording;
            recording = null;
            if (ending == null) {
                done.accept(Recording.Result.nothing(0));
                return;
            }
            drainInto(ending);
            idleSince = System.nanoTime();
            done.accept(ending.finish());
        });
    }

    void abort() {
        thread.execute(() -> {
            if (recording != null) {
                recording.abort();
                recording = null;
            }
            idleSince = System.nanoTime();
        });
    }

    private boolean open() {
        AudioDevice chosen = device;
        if (chosen == null) {
            listener.problem("no microphone: connect one, or pick one under Voice input");
            return false;
        }
        try {
            AudioSource opened = microphones.open(chosen);
            opened.start(capture);
            source = opened;
            thread.execute(() -> pump(opened));
            return true;
        } catch (MediaException | RuntimeException e) {
            listener.problem(e.getMessage());
            return false;
        }
    }

    /** One poll of {@code from}, then again, until it is closed or replaced. */
    private void pump(AudioSource from) {
        if (source != from) {
            return;
        }
        try {
            AudioChunk chunk = source.poll(POLL);
            if (chunk != null) {
                take(chunk);
            }
            boolean idle = recording == null && detector == null && System.nanoTime() - idleSince > KEEP_OPEN;
            if (source.finished() || idle) {
                closeSource();
                return;
            }
        } catch (MediaException e) {
            listener.problem(e.getMessage());
            closeSource();
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        thread.execute(() -> pump(from));
    }

    private void take(AudioChunk chunk) {
        listener.level(level(chunk.rms()));
        recent.addLast(chunk);
        while (!recent.isEmpty() && chunk.captureNanos() - recent.peekFirst().captureNanos() > PRE_ROLL) {
            recent.removeFirst();
        }
        if (recording != null) {
            recording.accept(chunk);
        }
        if (detector != null) {
            detector.accept(chunk);
        }
    }

    private void drainInto(Recording into) {
        try {
            for (AudioChunk c = source == null ? null : source.poll(Duration.ZERO); c != null; c = source.poll(Duration.ZERO)) {
                into.accept(c);
            }
        } catch (MediaException e) {
            listener.problem(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeSource() {
        if (source != null) {
            source.close();
            source = null;
            recent.clear();
            listener.level(0);
        }
    }

    /** RMS → [0, 1] over -60..0 dBFS, the range a voice meter shows. */
    static double level(double rms) {
        double db = 20 * Math.log10(Math.max(rms, 1e-9));
        return Math.max(0, Math.min(1, (db + 60) / 60));
    }

    @Override
    public void close() {
        thread.execute(() -> {
            detector = null;
            closeSource();
        });
    }
}
