// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.omnidesk.runtime.api.AudioFeatures;
import org.omnidesk.runtime.api.FinishReason;
import org.omnidesk.runtime.api.VisionFeatures;
import org.omnidesk.runtime.decode.DecoderGraph;
import org.omnidesk.runtime.decode.Generator;
import org.omnidesk.runtime.decode.KvCache;
import org.omnidesk.runtime.decode.Prefill;
import org.omnidesk.runtime.decode.SamplingConfig;
import org.omnidesk.runtime.decode.TextStream;
import org.omnidesk.runtime.decode.TokenHistory;
import org.omnidesk.runtime.encode.Encoders;
import org.omnidesk.runtime.encode.MediaScatter;
import org.omnidesk.runtime.onnx.DirectBuffers;
import org.omnidesk.runtime.onnx.OrtRuntime;
import org.omnidesk.runtime.onnx.ProviderChoice;
import org.omnidesk.runtime.io.Npy;

/**
 * The whole speech chain on the tiny reference package against the PyTorch goldens
 * (packaging/export/tiny/goldens, semantics in its README): greedy Thinker tokens and hidden
 * checksums, greedy Talker codes with penalties 1.00 and 1.05, and the non-streaming mel and
 * waveform for the injected noise with RK4 and Euler.
 */
class TinyGoldenTest {
    static final Path ROOT = Path.of(System.getProperty("omnidesk.root", "..")).resolve("packaging/export/tiny");
    static final Path PKG = ROOT.resolve("package");
    static final Path GOLD = ROOT.resolve("goldens");
    static final ObjectMapper JSON = new ObjectMapper();
    static final String[] GRAPHS = {"audio_encoder", "vision_encoder", "thinker_embed", "thinker_decoder",
        "talker_embed", "talker_decoder", "spk_encoder", "dit_condition", "dit_step", "bigvgan"};

    static JsonNode manifest;
    static OrtRuntime ort;
    static Encoders encoders;
    static DecoderGraph thinker;
    static DecoderGraph talker;
    static Token2Wav token2wav;
    static final OrtSession.RunOptions RUN = null;

    @BeforeAll
    static void open() throws Exception {
        manifest = JSON.readTree(PKG.resolve("omni-package.json").toFile());
        Map<String, Path> files = new LinkedHashMap<>();
        for (String g : GRAPHS) {
            files.put(g, PKG.resolve(manifest.at("/graphs/" + g + "/file").asText()));
        }
        ort = OrtRuntime.open(files, new OrtRuntime.Options(ProviderChoice.CPU, 1));
        DirectBuffers buffers = new DirectBuffers(ort.environment());
        encoders = new Encoders(ort.session("audio_encoder"), ort.session("vision_encoder"),
                ort.session("thinker_embed"), ort.session("talker_embed"), buffers);
        JsonNode th = manifest.get("thinker");
        thinker = new DecoderGraph(ort.session("thinker_decoder"), buffers, th.get("hidden").asInt(),
                th.get("layers").asInt(), th.get("kv_heads").asInt(), th.get("head_dim").asInt(), th.get("vocab").asInt());
        JsonNode tk = manifest.get("talker");
        talker = new DecoderGraph(ort.session("talker_decoder"), buffers, tk.get("embedding").asInt(),
                tk.get("layers").asInt(), tk.get("kv_heads").asInt(), tk.get("head_dim").asInt(), tk.get("vocab").asInt());
        JsonNode t2w = manifest.get("token2wav");
        token2wav = new Token2Wav(ort.environment(), ort.session("spk_encoder"), ort.session("dit_condition"),
                ort.session("dit_step"), ort.session("bigvgan"), t2w.get("mel_dim").asInt(),
                (float) t2w.get("guidance_scale").asDouble());
    }

    @AfterAll
    static void close() {
        thinker.close();
        talker.close();
        ort.close();
    }

    static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }

    static Npy.Array npy(String file) throws IOException {
        return Npy.read(GOLD.resolve(file));
    }

    /** What the Thinker run leaves for the Talker. */
    record ThinkerRun(float[] contextRows, List<Generator.Fed> fed, Generator.Result result) {}

    static ThinkerRun runThinker(JsonNode g, List<float[]> stepHidden, float[][] promptHidden) throws Exception {
        long[] ids = longs(g.get("input_ids"));
        long[][] pos = new long[3][];
        for (int r = 0; r < 3; r++) {
            pos[r] = longs(g.get("position_ids").get(r));
        }
        int width = thinker.width();
        float[] embeds = encoders.embedTokens(ids, RUN);
        List<float[]> audio = new ArrayList<>();
        List<float[]> image = new ArrayList<>();
        List<float[]> video = new ArrayList<>();
        for (JsonNode message : g.at("/request/messages")) {
            for (JsonNode item : message.path("content")) {
                switch (item.path("type").asText()) {
                    case "audio" -> audio.add(encoders.encodeAudio(mel(item.get("mel_file").asText()), RUN));
                    case "image" -> image.add(encoders.encodeVision(vision(item, 0), RUN));
                    case "video" -> {
                        video.add(encoders.encodeVision(vision(item, item.get("second_per_grid").asDouble()), RUN));
                        if (g.at("/request/use_audio_in_video").asBoolean()) {
                            audio.add(encoders.encodeAudio(mel(item.get("audio_mel_file").asText()), RUN));
                        }
                    }
                    default -> { }
                }
            }
        }
        JsonNode tokens = manifest.get("tokens");
        MediaScatter.scatter(ids, embeds, width, tokens.get("audio").asLong(), concat(audio), "audio");
        MediaScatter.scatter(ids, embeds, width, tokens.get("image").asLong(), concat(image), "image");
        MediaScatter.scatter(ids, embeds, width, tokens.get("video").asLong(), concat(video), "video");
        long next = 0;
        for (long[] row : pos) {
            for (long p : row) {
                next = Math.max(next, p + 1);
            }
        }
        assertEquals(next - ids.length, g.get("rope_delta").asLong(), "rope_delta");

        float[] context = embeds.clone(); // E with media rows zeroed, plus H below
        for (int p = 0; p < ids.length; p++) {
            long id = ids[p];
            if (id == tokens.get("audio").asLong() || id == tokens.get("image").asLong() || id == tokens.get("video").asLong()) {
                java.util.Arrays.fill(context, p * width, (p + 1) * width, 0f);
            }
        }
        List<Generator.Fed> fed = new ArrayList<>();
        SamplingConfig greedy = new SamplingConfig(true, 1f, 0, 1f,
                (float) g.at("/thinker/repetition_penalty").asDouble(), new int[0], 0);
        try (KvCache cache = thinker.newCache()) {
            Generator.Result result = new Generator(thinker, encoders).generate(new Prefill(ids, embeds, pos, next), cache,
                    greedy.picker(), new TokenHistory(),
                    new Generator.Limits(g.at("/thinker/max_new_tokens").asInt(), 32768,
                            longs(manifest.at("/thinker/stop_tokens"))),
                    NO_TEXT, true, () -> false, RUN, new Generator.Sink() {
                        @Override
                        public void prefilled(float[] hidden) {
                            promptHidden[0] = hidden;
                            for (int i = 0; i < hidden.length; i++) {
                                context[i] += hidden[i];
                            }
                        }

                        @Override
                        public void text(String delta, int tokenIndex) {
                        }

                        @Override
                        public void fed(Generator.Fed token) {
                            fed.add(token);
                            stepHidden.add(token.hidden());
                        }
                    });
            return new ThinkerRun(context, fed, result);
        }
    }

    static final TextStream NO_TEXT = new TextStream() {
        @Override
        public String push(int tokenId) {
            return "";
        }

        @Override
        public String flush() {
            return "";
        }
    };

    static AudioFeatures mel(String file) throws IOException {
        Npy.Array a = npy(file);
        return new AudioFeatures(a.data(), a.shape()[1], null);
    }

    static VisionFeatures vision(JsonNode item, double spg) throws IOException {
        JsonNode grid = item.get("grid_thw");
        return new VisionFeatures(npy(item.get("pixel_values_file").asText()).data(), grid.get(0).asInt(),
                grid.get(1).asInt(), grid.get(2).asInt(), spg, null);
    }

    static float[] concat(List<float[]> parts) {
        int n = parts.stream().mapToInt(a -> a.length).sum();
        float[] out = new float[n];
        int o = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    static void assertChecksum(JsonNode expected, float[] values, String what) {
        double sum = 0;
        double sumSq = 0;
        for (float v : values) {
            sum += v;
            sumSq += (double) v * v;
        }
        double s = expected.get("sum").asDouble();
        double q = expected.get("sum_sq").asDouble();
        assertEquals(q, sumSq, 1e-4 * Math.max(1, Math.abs(q)), what + " sum of squares");
        assertEquals(s, sum, 1e-4 * Math.max(1, Math.sqrt(q)), what + " sum");
    }

    static void assertClose(float[] expected, float[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(worst <= tol, what + ": max abs difference " + worst + " > " + tol);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text_only", "text_audio", "text_image", "video_audio", "two_turns"})
    void thinkerTalkerAndToken2WavMatchPyTorch(String scenario) throws Exception {
        JsonNode g = JSON.readTree(GOLD.resolve(scenario + ".json").toFile());
        List<float[]> stepHidden = new ArrayList<>();
        float[][] promptHidden = new float[1][];
        ThinkerRun run = runThinker(g, stepHidden, promptHidden);

        assertEquals(ints(g.at("/thinker/tokens")), run.result().tokens(), "greedy Thinker tokens");
        assertEquals(FinishReason.MAX_TOKENS, run.result().reason());
        assertChecksum(g.at("/thinker/hidden_checksums/prompt"), promptHidden[0], "prompt hidden");
        JsonNode steps = g.at("/thinker/hidden_checksums/steps");
        assertEquals(steps.size(), stepHidden.size(), "decode steps");
        for (int i = 0; i < steps.size(); i++) {
            assertChecksum(steps.get(i), stepHidden.get(i), "step " + i + " hidden");
        }

        JsonNode tk = g.get("talker");
        JsonNode tokens = manifest.get("tokens");
        JsonNode gen = manifest.at("/generation/talker");
        int[] stops = ints(gen.get("stop_codes")).stream().mapToInt(Integer::intValue).toArray();
        int[] suppress = ints(gen.get("suppress_codes")).stream().mapToInt(Integer::intValue).toArray();
        int[] speechCodes = null;
        for (String penalty : new String[] {"1.00", "1.05"}) {
            SamplingConfig cfg = new SamplingConfig(true, 1f, 0, 1f, Float.parseFloat(penalty), suppress, 0);
            TalkerTurn.Ids ids = new TalkerTurn.Ids(tokens.get("codec_pad").asInt(), tokens.get("codec_bos").asInt(),
                    tokens.get("codec_mask").asInt(), tokens.get("tts_eos").asLong(), tokens.get("tts_pad").asLong(),
                    stops, tk.get("max_codes").asInt());
            long[] input = longs(g.get("input_ids"));
            long[][] pos = new long[3][];
            for (int r = 0; r < 3; r++) {
                pos[r] = longs(g.get("position_ids").get(r));
            }
            long next = input.length + g.get("rope_delta").asLong();
            try (TalkerTurn turn = new TalkerTurn(talker, encoders, ids, cfg.picker(), RUN, run.contextRows().clone(),
                    pos, next, tk.get("bos_token").asLong())) {
                for (Generator.Fed f : run.fed()) {
                    float[] r = f.hidden().clone();
                    for (int i = 0; i < r.length; i++) {
                        r[i] += f.embedding()[i];
                    }
                    turn.offer(r);
                }
                turn.textEnded();
                while (turn.ready()) {
                    turn.step();
                }
                assertEquals(ints(tk.at("/repetition_penalty_" + penalty + "/codes")), turn.codes(),
                        "greedy Talker codes, penalty " + penalty);
                if (penalty.equals("1.00")) {
                    speechCodes = turn.speechCodes(manifest.at("/token2wav/num_codes").asInt());
                }
            }
        }
        assertEquals(ints(g.at("/token2wav/codes")), java.util.Arrays.stream(speechCodes).boxed().toList(),
                "codes handed to Token2Wav");

        String speaker = g.at("/request/speaker").asText();
        JsonNode spk = JSON.readTree(PKG.resolve("speakers/" + speaker + ".json").toFile());
        float[] cond = new float[spk.get("cond").size()];
        for (int i = 0; i < cond.length; i++) {
            cond[i] = (float) spk.get("cond").get(i).asDouble();
        }
        Token2Wav.Voice voice = token2wav.voice(
                Npy.read(PKG.resolve("speakers").resolve(spk.get("ref_mel_file").asText())).data(), cond);
        float[] noise = npy(scenario + ".noise.npy").data();
        float[] grid = FlowOde.swayedGrid(manifest.at("/token2wav/ode_steps").asInt(),
                (float) manifest.at("/token2wav/sway_coefficient").asDouble());
        for (String solver : new String[] {"rk4", "euler"}) {
            float[] melRows = token2wav.mel(speechCodes, voice, noise, grid,
                    solver.equals("rk4") ? FlowOde.Solver.RK4 : FlowOde.Solver.EULER, RUN);
            Npy.Array expectedMel = npy(scenario + ".mel_" + solver + ".npy"); // [80, T]
            int frames = expectedMel.shape()[1];
            float[] melChannelsFirst = new float[melRows.length];
            for (int t = 0; t < frames; t++) {
                for (int m = 0; m < 80; m++) {
                    melChannelsFirst[m * frames + t] = melRows[t * 80 + m];
                }
            }
            assertClose(expectedMel.data(), melChannelsFirst, 1e-4, scenario + " mel " + solver);
            assertClose(npy(scenario + ".waveform_" + solver + ".npy").data(), token2wav.vocode(melRows, RUN), 1e-4,
                    scenario + " waveform " + solver);
        }
    }
}
