// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.session;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.omnidesk.app.AppThreads;
import org.omnidesk.app.cli.UserMessages;
import org.omnidesk.app.config.Settings;
import org.omnidesk.app.history.HistoryStore;
import org.omnidesk.app.history.StoredAttachment;
import org.omnidesk.app.history.TurnOutcome;
import org.omnidesk.app.history.TurnStatus;
import org.omnidesk.app.media.Cameras;
import org.omnidesk.app.media.InputPreparer;
import org.omnidesk.app.media.Microphones;
import org.omnidesk.app.media.PreparedInput;
import org.omnidesk.app.media.Speaker;
import org.omnidesk.capture.api.AudioDevice;
import org.omnidesk.capture.api.CameraDevice;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.api.VadEvent;
import org.omnidesk.capture.video.LiveVideoSampler;
import org.omnidesk.runtime.api.AssistantEvent;
import org.omnidesk.runtime.api.ErrorKind;
import org.omnidesk.runtime.api.FinishReason;
import org.omnidesk.runtime.api.InferenceException;
import org.omnidesk.runtime.api.LiveTurnOptions;
import org.omnidesk.runtime.api.OmniEngine;
import org.omnidesk.runtime.api.SpeechSettings;
import org.omnidesk.runtime.api.TurnHandle;
import org.omnidesk.runtime.api.TurnRequest;
import org.omnidesk.runtime.api.UserInput;
import org.omnidesk.ui.MainViewModel;
import org.omnidesk.ui.chat.AssistantEntry;
import org.omnidesk.ui.chat.Attachment;
import org.omnidesk.ui.chat.ChatActions;
import org.omnidesk.ui.chat.TurnTimings;
import org.omnidesk.ui.chat.UserEntry;
import org.omnidesk.ui.fx.ArgbImage;
import org.omnidesk.ui.fx.FxBridge;
import org.omnidesk.ui.history.HistoryActions;
import org.omnidesk.ui.voice.AssistantState;

/**
 * Routes the user's actions, the microphone, the engine and the speaker through the
 * {@link TurnStateMachine}. Runs on the session thread (user actions and signals are queued to
 * it); the engine's events are handled on the engine thread (text to the transcript, speech to
 * the speaker) and reach the state machine as signals tagged with their turn, so events of an
 * interrupted turn never move the state of the next one.
 */
public final class AssistantSession implements ChatActions, HistoryActions, AutoCloseable {

    /** What the session talks to. {@code engine} is empty while no model is loaded. */
    public record Ports(Supplier<Optional<OmniEngine>> engine, Supplier<Settings> settings, InputPreparer files,
                        Microphones microphones, Cameras cameras, Speaker speaker, HistoryStore history,
                        LongSupplier clock, ZoneId zone) {}

    /** The label of what the microphone recorded, as the engine, the transcript and history name it. */
    public static final String MICROPHONE = "microphone";
    /** The label of what the camera saw during a spoken turn. */
    public static final String CAMERA = "camera";

    private static final long CHECKPOINT_NANOS = 1_000_000_000L;
    private static final Object PROGRESS = new Object();
    private static final Object STATE = new Object();
    private static final Object LEVEL = new Object();
    private static final Object FRAME = new Object();

    private record Pending(Path file, CompletableFuture<PreparedInput> prepared) {}

    private final MainViewModel view;
    private final FxBridge fx;
    private final AppThreads threads;
    private final Ports ports;
    private final ConversationLog log;
    private final VoiceInput voice;
    private final SpeechOutput speech;
    private final CameraFeed camera;
    // session thread
    private final TurnStateMachine machine;
    private final List<Pending> pending = new ArrayList<>();
    private ActiveTurn current;
    private Recording recording;
    private boolean lastTurnFailed;
    /** Capture time of the detector's last speech start: a hands-free recording begins there. */
    private long speechStartNanos = Long.MAX_VALUE;

    public AssistantSession(MainViewModel view, FxBridge fx, AppThreads threads, Ports ports) {
        this.view = view;
        this.fx = fx;
        this.threads = threads;
        this.ports = ports;
        this.machine = new TurnStateMachine(ports.settings().get().bargeIn());
        this.log = new ConversationLog(ports.history(), threads.io, fx, view.chat(), view.history(), ports.clock(), ports.zone());
        this.voice = new VoiceInput(ports.microphones(), threads.voice, threads.capture, new VoiceInput.Listener() {
            @Override
            public void level(double level) {
                fx.postLatest(LEVEL, () -> view.voice().setLevel(level));
            }

            @Override
            public void voice(VadEvent event) {
                onSession(() -> {
                    if (event instanceof VadEvent.SpeechStarted) {
                        speechStartNanos = event.captureNanos();
                        apply(TurnSignal.VOICE_STARTED);
                    } else {
                        apply(TurnSignal.VOICE_ENDED);
                    }
                });
            }

            @Override
            public void problem(String message) {
                showError(message);
            }
        });
        this.speech = new SpeechOutput(ports.speaker(), threads.speech, threads.capture, new SpeechOutput.Listener() {
            @Override
            public void audioQueued(ActiveTurn turn) {
                signal(turn, TurnSignal.AUDIO_QUEUED);
            }

            @Override
            public void answerEnded(ActiveTurn turn) {
                signal(turn, TurnSignal.ANSWER_ENDED);
            }

            @Override
            public void drained(ActiveTurn turn) {
                signal(turn, TurnSignal.PLAYBACK_DRAINED);
            }

            @Override
            public void problem(String message) {
                showError(message);
            }
        });
        this.camera = new CameraFeed(ports.cameras(), threads.capture, threads.timer, new CameraFeed.Listener() {
            @Override
            public void preview(ArgbImage frame) {
                fx.postLatest(FRAME, () -> view.camera().showFrame(frame));
            }

            @Override
            public void problem(String message) {
                fx.post(() -> view.camera().setProblem(message));
            }
        });
        log.refreshList();
    }

    /** The microphone to record from (null: none). */
    public void useMicrophone(AudioDevice device) {
        voice.setDevice(device);
    }

    /** The camera on {@code device}, or off (null); opening a device can take a moment, so it runs on a capture thread. */
    public void useCamera(CameraDevice device) {
        fx.post(() -> view.camera().setProblem(""));
        threads.capture.execute(() -> camera.use(device));
    }

    /** Hands-free: the voice detector starts and ends spoken turns; off: push-to-talk. */
    public void handsFree(boolean on) {
        voice.setHandsFree(on);
    }

    // ChatActions (FX thread): queue and return.

    @Override
    public void send(String text) {
        onSession(() -> submitTyped(text));
    }

    @Override
    public void attach(List<Path> files) {
        onSession(() -> files.forEach(this::prepare));
    }

    @Override
    public void removePending(Attachment attachment) {
        onSession(() -> pending.stream()
                .filter(p -> p.prepared().isDone() && !p.prepared().isCompletedExceptionally()
                        && p.prepared().join().attachment().shown().equals(attachment))
                .findFirst().ifPresent(p -> {
                    pending.remove(p);
                    fx.post(() -> view.chat().removePending(attachment));
                }));
    }

    @Override
    public void talkPressed() {
        onSession(() -> apply(TurnSignal.TALK_PRESSED));
    }

    @Override
    public void talkReleased() {
        onSession(() -> apply(TurnSignal.TALK_RELEASED));
    }

    @Override
    public void stop() {
        onSession(() -> apply(TurnSignal.STOP));
    }

    @Override
    public void newChat() {
        onSession(() -> {
            leaveConversation();
            log.newChat();
        });
    }

    // HistoryActions (FX thread)

    @Override
    public void open(long conversationId) {
        onSession(() -> {
            leaveConversation();
            log.open(conversationId);
        });
    }

    @Override
    public void rename(long conversationId, String title) {
        log.rename(conversationId, title);
    }

    @Override
    public void delete(long conversationId) {
        log.delete(conversationId, () -> onSession(() -> {
            leaveConversation();
            log.newChat();
        }));
    }

    @Override
    public void export(long conversationId, ExportFormat format, Path target) {
        log.export(conversationId, format, target);
    }

    // Session thread from here on.

    private void onSession(Runnable task) {
        threads.session.execute(task);
    }

    /** Stops whatever runs and forgets the model's conversation: the next turn starts fresh. */
    private void leaveConversation() {
        if (machine.state() != TurnState.IDLE) {
            apply(TurnSignal.STOP);
        }
        pending.clear();
        lastTurnFailed = false;
        ports.engine().get().ifPresent(OmniEngine::resetConversation);
        publishState();
    }

    private void prepare(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        boolean useVideoSound = ports.settings().get().useVideoSound();
        CompletableFuture<PreparedInput> prepared = CompletableFuture.supplyAsync(() -> {
            try {
                return ports.files().prepare(file, useVideoSound, p -> fx.postLatest(PROGRESS,
                        () -> view.chat().setProgress(p, "Preparing " + name + " …")));
            } catch (MediaException e) {
                throw new CompletionException(e);
            }
        }, threads.media);
        Pending entry = new Pending(file, prepared);
        pending.add(entry);
        prepared.whenCompleteAsync((input, error) -> {
            fx.postLatest(PROGRESS, () -> view.chat().clearProgress());
            if (error != null) {
                pending.remove(entry);
                showError(message(error));
            } else {
                fx.post(() -> view.chat().addPending(input.attachment().shown()));
                input.warnings().forEach(this::showError);
            }
        }, threads.session);
    }

    private void submitTyped(String text) {
        if (machine.state() == TurnState.LISTENING) {
            showError("Still listening: release the talk button (or press Esc), then send your question");
            fx.post(() -> view.chat().draftProperty().set(text));
            return;
        }
        withPendingInputs(inputs -> {
            if (text.isBlank() && inputs.isEmpty()) {
                return;
            }
            List<UserInput> request = new ArrayList<>(inputs.stream().map(PreparedInput::input).toList());
            if (!text.isBlank()) {
                request.add(new UserInput.Text(text));
            }
            apply(TurnSignal.SUBMITTED);
            Settings s = ports.settings().get();
            ActiveTurn turn = new ActiveTurn(s.speech(), s.voice());
            begin(turn, text, attachments(inputs), t -> engine().submit(request(request, s), e -> onEvent(t, e)));
        });
    }

    /** Runs {@code then} on the session thread with the pending files once all are prepared (failed ones left out). */
    private void withPendingInputs(Consumer<List<PreparedInput>> then) {
        List<Pending> taken = List.copyOf(pending);
        pending.clear();
        fx.post(() -> view.chat().clearPending());
        CompletableFuture.allOf(taken.stream().map(Pending::prepared).toArray(CompletableFuture[]::new))
                .handleAsync((ignored, error) -> {
                    then.accept(taken.stream().map(Pending::prepared)
                            .filter(f -> !f.isCompletedExceptionally()).map(CompletableFuture::join).toList());
                    return null;
                }, threads.session);
    }

    /** Shows the user turn and an empty answer, writes the turn to history, starts the engine. */
    private void begin(ActiveTurn turn, String text, List<StoredAttachment> attachments,
                       Function<ActiveTurn, TurnHandle> start) {
        current = turn;
        lastTurnFailed = false;
        UserEntry user = new UserEntry(text, attachments.stream().map(StoredAttachment::shown).toList());
        fx.post(() -> {
            view.chat().addUser(user);
            turn.entry = view.chat().startAnswer();
        });
        log.startTurn(turn, user, attachments);
        try {
            turn.handle = start.apply(turn);
        } catch (InferenceException e) {
            onEvent(turn, new AssistantEvent.TurnFailed(-1, e.getMessage(), e.kind()));
        } catch (RuntimeException e) {
            onEvent(turn, new AssistantEvent.TurnFailed(-1, UserMessages.oneLine(e), ErrorKind.INTERNAL));
        }
        publishState();
    }

    private void apply(TurnSignal signal) {
        Settings s = ports.settings().get();
        machine.setBargeIn(s.bargeIn());
        TurnStateMachine.Transition t = machine.on(signal);
        for (TurnAction action : t.actions()) {
            switch (action) {
                case CANCEL_ANSWER -> {
                    if (current != null) {
                        current.cancel();
                    }
                }
                case STOP_PLAYBACK -> speech.stopNow();
                case START_RECORDING -> startRecording(s, signal == TurnSignal.VOICE_STARTED ? speechStartNanos : Long.MAX_VALUE);
                case COMMIT_RECORDING -> commitRecording();
                case ABORT_RECORDING -> {
                    voice.abort();
                    recording = null;
                    current = null;
                }
            }
        }
        if (signal == TurnSignal.TALK_PRESSED || signal == TurnSignal.SUBMITTED) {
            lastTurnFailed = false;
        }
        publishState();
    }

    /**
     * Live turn (block-wise prefill while the user talks) unless files wait for the question;
     * recorded from {@code sinceCaptureNanos} (kept audio before the start signal) on.
     */
    private void startRecording(Settings s, long sinceCaptureNanos) {
        ActiveTurn turn = new ActiveTurn(s.speech(), s.voice());
        current = turn;
        Optional<OmniEngine> engine = ports.engine().get();
        if (pending.isEmpty() && engine.isPresent()) {
            // With the camera on, its pictures at 2 fps from now on go with the words (video with audio-in-video).
            Optional<LiveVideoSampler> pictures = camera.sampler();
            pictures.ifPresent(p -> p.begin(System.nanoTime(), camera.timer()));
            recording = new Recording.Live(engine.get().openLiveTurn(new LiveTurnOptions(pictures.isPresent(),
                    Optional.empty(), speech(s), s.sampling().toGeneration()), e -> onEvent(turn, e)), pictures);
        } else {
            recording = new Recording.Buffered();
        }
        voice.start(recording, sinceCaptureNanos);
    }

    private void commitRecording() {
        ActiveTurn turn = current;
        recording = null;
        voice.finish(result -> onSession(() -> recorded(turn, result)));
    }

    private void recorded(ActiveTurn turn, Recording.Result result) {
        if (turn != current) {
            result.started().ifPresent(TurnHandle::cancel);   // stopped while the release was on its way
            return;
        }
        if (result.started().isEmpty() && result.audio().isEmpty()) {
            showError("Too short to answer: hold the talk button (or Space) while you speak");
            apply(TurnSignal.ANSWER_ENDED);
            return;
        }
        result.problem().ifPresent(this::showError);
        Attachment mic = new Attachment(Attachment.Kind.AUDIO, MICROPHONE, result.seconds(), Optional.empty());
        StoredAttachment recorded = new StoredAttachment(mic, "", "");
        if (result.started().isPresent()) {
            List<StoredAttachment> shown = result.camera().map(picture -> List.of(new StoredAttachment(
                    new Attachment(Attachment.Kind.VIDEO, CAMERA, result.seconds(), Optional.of(picture)), "", ""), recorded))
                    .orElse(List.of(recorded));
            begin(turn, "", shown, t -> result.started().get());
            return;
        }
        withPendingInputs(inputs -> {
            List<UserInput> request = new ArrayList<>(inputs.stream().map(PreparedInput::input).toList());
            request.add(new UserInput.Audio(result.audio().get(), MICROPHONE));
            List<StoredAttachment> all = new ArrayList<>(attachments(inputs));
            all.add(recorded);
            begin(turn, "", all, t -> engine().submit(request(request, ports.settings().get()), e -> onEvent(t, e)));
        });
    }

    private void signal(ActiveTurn turn, TurnSignal signal) {
        onSession(() -> {
            if (turn == current) {
                apply(signal);
            }
        });
    }

    private void publishState() {
        AssistantState shown = switch (machine.state()) {
            case IDLE -> lastTurnFailed ? AssistantState.ERROR : AssistantState.IDLE;
            case LISTENING -> AssistantState.LISTENING;
            case THINKING -> AssistantState.THINKING;
            case SPEAKING -> AssistantState.SPEAKING;
        };
        fx.postLatest(STATE, () -> view.voice().setState(shown));
    }

    // Engine thread.

    private void onEvent(ActiveTurn turn, AssistantEvent event) {
        if (event instanceof AssistantEvent.TextDelta delta) {
            turn.answer.append(delta.text());
            fx.post(() -> turn.entry.append(delta.text()));
            long now = System.nanoTime();
            if (now - turn.lastCheckpointNanos > CHECKPOINT_NANOS) {
                turn.lastCheckpointNanos = now;
                log.checkpoint(turn, turn.answer.toString());
            }
        } else if (event instanceof AssistantEvent.SpeechChunk chunk) {
            turn.speechSamples += chunk.pcm().length;
            turn.speechRate = chunk.sampleRate();
            speech.play(turn, chunk);
        } else if (event instanceof AssistantEvent.TurnFinished finished) {
            boolean stopped = finished.reason() == FinishReason.CANCELLED;
            Optional<TurnTimings> timings = Optional.of(TurnTimings.of(finished.stats()));
            fx.post(() -> turn.entry.finish(stopped ? AssistantEntry.Status.STOPPED : AssistantEntry.Status.DONE, timings));
            log.finish(turn, new TurnOutcome(stopped ? TurnStatus.STOPPED : TurnStatus.DONE, turn.answer.toString(),
                    turn.spokenSeconds(), timings, ""));
            speech.end(turn);
        } else if (event instanceof AssistantEvent.TurnFailed failed) {
            fx.post(() -> {
                turn.entry.finish(AssistantEntry.Status.FAILED, Optional.empty());
                view.chat().addError(failed.message());
            });
            log.finish(turn, new TurnOutcome(TurnStatus.FAILED, turn.answer.toString(), turn.spokenSeconds(),
                    Optional.empty(), failed.message()));
            onSession(() -> lastTurnFailed = turn == current);
            speech.end(turn);
        }
    }

    private OmniEngine engine() {
        return ports.engine().get().orElseThrow(() -> new InferenceException(ErrorKind.MODEL_PACKAGE,
                "no model is loaded: set one up under Settings → Model packages"));
    }

    private static TurnRequest request(List<UserInput> inputs, Settings s) {
        return new TurnRequest(inputs, Optional.empty(), speech(s), s.sampling().toGeneration());
    }

    private static SpeechSettings speech(Settings s) {
        return s.speech() ? SpeechSettings.on(s.voice()) : SpeechSettings.off();
    }

    private static List<StoredAttachment> attachments(List<PreparedInput> inputs) {
        return inputs.stream().map(PreparedInput::attachment).toList();
    }

    private void showError(String message) {
        fx.post(() -> view.chat().addError(message));
    }

    private static String message(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return UserMessages.oneLine(cause);
    }

    @Override
    public void close() {
        camera.close();
        onSession(() -> {
            if (current != null) {
                current.cancel();
            }
        });
        voice.close();
        speech.close();
    }
}
