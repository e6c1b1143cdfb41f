// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnidesk.app.remote.RemoteAppFlowTest;
import org.omnidesk.app.remote.RemoteConfig;
import org.omnidesk.app.remote.RemoteConfigStore;
import org.omnidesk.runtime.api.EngineOptions;
import org.omnidesk.runtime.api.EngineProvider;
import org.omnidesk.runtime.api.GenerationSettings;
import org.omnidesk.runtime.api.OmniEngine;
import org.omnidesk.runtime.api.SpeechSettings;
import org.omnidesk.runtime.api.TurnRequest;
import org.omnidesk.runtime.api.UserInput;
import org.omnidesk.runtime.remote.FakeOmniServer;
import org.omnidesk.runtime.remote.FfmpegCli;
import org.omnidesk.runtime.remote.RemoteSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The {@code --remote} options as a command mixes them in, and a question answered through them. */
class RemoteOptionsTest {

    @Command(name = "ask-like")
    static final class AskLike implements Runnable {
        @Mixin
        RemoteOptions remote;

        @Override
        public void run() {
        }
    }

    @TempDir
    Path dir;

    private static RemoteOptions parse(String... args) {
        AskLike command = new AskLike();
        new CommandLine(command).parseArgs(args);
        return command.remote;
    }

    /** An environment variable this process really has, so --api-key-env reads a real environment. */
    private static Map.Entry<String, String> someVariable() {
        return System.getenv().entrySet().stream()
                .filter(e -> e.getValue().matches("[\\x21-\\x7e]{4,200}") && e.getKey().matches("[A-Z_][A-Z0-9_]*"))
                .findFirst().orElseThrow(() -> new AssertionError("the test needs one environment variable"));
    }

    @Test
    void theOptionsBecomeTheRemoteProvidersSettings() {
        RemoteConfigStore store = new RemoteConfigStore(dir);
        assertEquals(Optional.empty(), parse().engineOptions(store), "no --remote: the local engine");
        EngineOptions options = parse("--remote", "http://gpu-box:8091/v1", "--api-key-env", "OMNI_KEY",
                "--remote-model", "Qwen/Qwen2.5-Omni-3B", "--remote-insecure").engineOptions(store).orElseThrow();
        assertEquals(Map.of(RemoteSettings.URL, "http://gpu-box:8091/v1", RemoteSettings.API_KEY_ENV, "OMNI_KEY",
                RemoteSettings.MODEL, "Qwen/Qwen2.5-Omni-3B", RemoteSettings.TLS_INSECURE, "true"), options.settings());

        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> parse("--api-key-env", "OMNI_KEY").engineOptions(store));
        assertTrue(e.getMessage().contains("need --remote"), e.getMessage());
        assertTrue(assertThrows(CommandLine.ParameterException.class, () -> parse("--remote").engineOptions(store))
                .getMessage().contains("No server in the remote settings"));
    }

    @Test
    void aBareRemoteUsesTheSavedServerAndKeyButATypedUrlNeverGetsTheSavedKey() {
        RemoteConfigStore store = new RemoteConfigStore(dir);
        store.save(RemoteConfig.defaults().remote("http://gpu-box:8091/v1"));
        store.saveApiKey("sk-saved".toCharArray());
        Map<String, String> saved = parse("--remote").engineOptions(store).orElseThrow().settings();
        assertEquals("http://gpu-box:8091/v1", saved.get(RemoteSettings.URL));
        assertEquals(store.keyFile().toString(), saved.get(RemoteSettings.API_KEY_FILE));
        Map<String, String> typed = parse("--remote", "http://elsewhere:8000/v1").engineOptions(store).orElseThrow().settings();
        assertEquals(Map.of(RemoteSettings.URL, "http://elsewhere:8000/v1"), typed);
    }

    @Test
    void theCommandLineAnswersEveryKindOfQuestionThroughTheTestServer() throws Exception {
        Map.Entry<String, String> variable = someVariable();
        try (FakeOmniServer server = new FakeOmniServer(RemoteAppFlowTest.ANSWER)) {
            EngineOptions options = parse("--remote", server.url(), "--api-key-env", variable.getKey())
                    .engineOptions(new RemoteConfigStore(dir)).orElseThrow();
            try (OmniEngine engine = EngineProvider.open("remote", options)) {
                List<UserInput[]> questions = RemoteAppFlowTest.questions();
                for (int i = 0; i < questions.size(); i++) {
                    StringWriter out = new StringWriter();
                    StringWriter err = new StringWriter();
                    TurnPrinter printer = new TurnPrinter(new PrintWriter(out), new PrintWriter(err));
                    engine.submit(new TurnRequest(List.of(questions.get(i)), Optional.empty(), SpeechSettings.on(null),
                            GenerationSettings.defaults()), printer).completion().orTimeout(20, TimeUnit.SECONDS).join();
                    assertEquals("It is fine." + System.lineSeparator(), out.toString(), "question " + i);
                    assertEquals("", err.toString());
                    assertEquals(0.4, printer.speechSeconds(), 1e-9);

                    Path wav = dir.resolve("answer" + i + ".wav");
                    printer.writeWav(wav);
                    short[] samples = FfmpegCli.pcm16(wav);
                    short[] expected = new short[9600];
                    for (int s = 0; s < expected.length; s++) {
                        expected[s] = (short) Math.round(RemoteAppFlowTest.TONE[s % 4800] * 32767f);
                    }
                    assertArrayEquals(expected, samples);
                    assertTrue(Files.size(wav) > 19_200);
                }
            }
            server.requests().forEach(r -> assertEquals("Bearer " + variable.getValue(), r.header("Authorization")));
        }
    }

    @Test
    void aFailedTurnIsOneLineOnStandardError() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        TurnPrinter printer = new TurnPrinter(new PrintWriter(out, true), new PrintWriter(err, true));
        printer.onEvent(new org.omnidesk.runtime.api.AssistantEvent.TextDelta(1, "Par", 0, 0));
        printer.onEvent(new org.omnidesk.runtime.api.AssistantEvent.TurnFailed(1, "The connection dropped",
                org.omnidesk.runtime.api.ErrorKind.REMOTE));
        assertEquals("Par" + System.lineSeparator(), out.toString());
        assertEquals("omnidesk: The connection dropped" + System.lineSeparator(), err.toString());
    }
}
