// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnidesk.app.remote.RemoteConfig;
import org.omnidesk.app.remote.RemoteConfigStore;
import org.omnidesk.runtime.api.EngineOptions;
import org.omnidesk.runtime.remote.RemoteSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The {@code --remote} options as a command mixes them in, and the turn printer's failure line. */
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
        store.save(RemoteConfig.defaults().withUrl("http://gpu-box:8091/v1"));
        store.saveApiKey("sk-saved".toCharArray());
        Map<String, String> saved = parse("--remote").engineOptions(store).orElseThrow().settings();
        assertEquals("http://gpu-box:8091/v1", saved.get(RemoteSettings.URL));
        assertEquals(store.keyFile().toString(), saved.get(RemoteSettings.API_KEY_FILE));
        Map<String, String> typed = parse("--remote", "http://elsewhere:8000/v1").engineOptions(store).orElseThrow().settings();
        assertEquals(Map.of(RemoteSettings.URL, "http://elsewhere:8000/v1"), typed);
    }

    @Test
    void aFailedTurnIsOneLineOnStandardError() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        TurnPrinter printer = new TurnPrinter(new PrintWriter(out, true), new PrintWriter(err, true), pcm -> { });
        printer.onEvent(new org.omnidesk.runtime.api.AssistantEvent.TextDelta(1, "Par", 0, 0));
        printer.onEvent(new org.omnidesk.runtime.api.AssistantEvent.TurnFailed(1, "The connection dropped",
                org.omnidesk.runtime.api.ErrorKind.REMOTE));
        assertEquals("Par" + System.lineSeparator(), out.toString());
        assertEquals("omnidesk: The connection dropped" + System.lineSeparator(), err.toString());
    }
}
