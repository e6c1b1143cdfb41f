// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnidesk.capture.io.Npy;

/** {@code omnidesk ask} on the tiny package against the PyTorch goldens (packaging/export/tiny/goldens). */
class AskCommandTest {
    static final Path ROOT = Path.of(System.getProperty("omnidesk.root", ".."));
    static final Path TINY = ROOT.resolve("packaging/export/tiny");
    static final String MODEL = TINY.resolve("package").toString();
    static final ObjectMapper JSON = new ObjectMapper();

    record Run(int code, String out, String err) {}

    static Run ask(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("ask", "--model", MODEL, "--provider", "cpu", "--threads", "1"));
        all.addAll(List.of(args));
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    static JsonNode golden(String scenario) throws Exception {
        return JSON.readTree(TINY.resolve("goldens/" + scenario + ".json").toFile());
    }

    static String speechPrompt() throws Exception {
        return JSON.readTree(TINY.resolve("package/omni-package.json").toFile()).get("system_prompt_speech").asText();
    }

    @Test
    void greedyTextAnswerIsTheGoldenText() throws Exception {
        JsonNode g = golden("text_only");
        Run r = ask("--greedy", "--max-tokens", "16", "--no-speech", "--system", speechPrompt(),
                g.at("/request/messages/0/content/0/text").asText());
        assertEquals(0, r.code(), r.err());
        assertEquals(g.at("/thinker/text").asText() + System.lineSeparator(), r.out());
        assertTrue(r.err().contains("16 new tokens"), r.err());
    }

    @Test
    void anAudioFileGivesTheGoldenPromptAndTokens(@TempDir Path tmp) throws Exception {
        // The golden's clip is the first 3 s of jfk: made into a float WAV by the ffmpeg tool, decoded by ours.
        Path wav = tmp.resolve("jfk3s.wav");
        Process p = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "f32le", "-ar", "16000", "-ac", "1",
                "-i", Path.of(System.getProperty("omnidesk.shared")).resolve("data/mel/jfk.f32").toString(),
                "-t", "3", "-c:a", "pcm_f32le", wav.toString()).inheritIO().start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "ffmpeg failed");
        JsonNode g = golden("text_audio");
        Path dump = tmp.resolve("dump");
        Run r = ask("--greedy", "--max-tokens", "16", "--no-speech", "--system", speechPrompt(), "--audio", wav.toString(),
                "--dump", dump.toString(), g.at("/request/messages/0/content/1/text").asText());
        assertEquals(0, r.code(), r.err());
        JsonNode result = JSON.readTree(dump.resolve("result.json").toFile());
        assertEquals(g.get("input_ids"), result.get("input_ids"));
        assertEquals(g.get("position_ids"), result.get("position_ids"));
        assertEquals(g.at("/thinker/tokens"), result.get("thinker_tokens"));
        assertEquals(g.at("/thinker/text").asText(), result.get("text").asText());
    }

    @Test
    void speechWritesTheGoldenTalkerCodesAsWavMelAndWaveform(@TempDir Path tmp) throws Exception {
        JsonNode g = golden("text_only");
        Path dump = tmp.resolve("dump");
        Path wav = tmp.resolve("answer.wav");
        JsonNode codes = g.at("/talker/repetition_penalty_1.05/codes"); // --greedy keeps the manifest's penalty 1.05
        Run r = ask("--greedy", "--max-tokens", "16", "--max-codes", String.valueOf(codes.size()), "--voice", "Chelsie",
                "--noise", TINY.resolve("goldens/text_only.noise.npy").toString(), "--token2wav", "full", "--ode", "rk4",
                "--no-play", "--wav", wav.toString(), "--dump", dump.toString(),
                g.at("/request/messages/0/content/0/text").asText());
        assertEquals(0, r.code(), r.err());
        JsonNode result = JSON.readTree(dump.resolve("result.json").toFile());
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < codes.size() - 1; i++) { // the code at the limit is not spoken (transformers' slice)
            int c = codes.get(i).asInt();
            expected.add(c >= 8193 ? 0 : c);
        }
        assertEquals(JSON.valueToTree(expected), result.get("talker_codes"));
        int frames = 2 * expected.size();
        Npy.Array mel = Npy.readFloat32(dump.resolve("mel.npy"));
        assertEquals(List.of(80, frames), List.of(mel.shape()[0], mel.shape()[1]));
        assertEquals(240 * frames, Npy.readFloat32(dump.resolve("waveform.npy")).data().length);
        assertEquals(240L * frames, AudioSystem.getAudioInputStream(wav.toFile()).getFrameLength());
        assertTrue(Files.size(wav) > 2 * 240 * frames);
    }

    @Test
    void aRequestFileWithGenerationOverridesGivesTheGoldenText(@TempDir Path tmp) throws Exception {
        JsonNode g = golden("text_only");
        Path req = tmp.resolve("req.json");
        Files.writeString(req, JSON.writeValueAsString(JSON.readTree("{\"messages\": [{\"role\": \"system\", \"content\": "
                + JSON.writeValueAsString(speechPrompt()) + "}, " + JSON.writeValueAsString(g.at("/request/messages/0"))
                + "], \"speech\": false, \"generation\": {\"greedy\": true, \"max_new_tokens\": 16}}")));
        Run r = ask("--request", req.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(g.at("/thinker/text").asText() + System.lineSeparator(), r.out());
    }

    @Test
    void aMissingMediaFileIsOneLineNamingIt() {
        Run r = ask("--no-speech", "--image", "/nonexistent/cat.png", "What is this?");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("omnidesk: /nonexistent/cat.png not found"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
