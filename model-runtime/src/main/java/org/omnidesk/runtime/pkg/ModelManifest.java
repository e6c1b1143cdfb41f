// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.pkg;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The manifest {@code omni-package.json} of a model package, format {@value #FORMAT} (MODEL_PACKAGE.md).
 * Every field is required (and non-null) unless marked {@code required = false}, which absent reads as
 * empty ("", false, []); numbers are validated here so
 * that the runtime can read them without re-checking. JSON names are the snake_case of the components.
 */
public record ModelManifest(
        String format,
        String name,
        @JsonProperty(required = false)
        @JsonSetter(nulls = Nulls.AS_EMPTY) String source,
        @JsonProperty(required = false)
        @JsonSetter(nulls = Nulls.AS_EMPTY) String revision,
        @JsonProperty(required = false)
        @JsonSetter(nulls = Nulls.AS_EMPTY) boolean randomWeights,
        Precision precision,
        Thinker thinker,
        Talker talker,
        Audio audio,
        Vision vision,
        Video video,
        Tokens tokens,
        Rope rope,
        Token2Wav token2wav,
        Generation generation,
        String systemPromptSpeech,
        Map<String, GraphEntry> graphs,
        FileEntry tokenizer,
        Map<String, SpeakerEntry> speakers,
        String defaultSpeaker) {

    public static final String FORMAT = "omnidesk-model/1";

    public ModelManifest {
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("format is '" + format + "', this OmniDesk reads '" + FORMAT + "'");
        }
        require(!name.isBlank(), "name is empty");
        require(!systemPromptSpeech.isBlank(), "system_prompt_speech is empty");
        require(!speakers.isEmpty(), "speakers is empty");
        require(speakers.containsKey(defaultSpeaker),
                "default_speaker '" + defaultSpeaker + "' is not one of speakers " + speakers.keySet());
        graphs = Map.copyOf(graphs);
        speakers = Map.copyOf(speakers);
    }

    /** Element type of the float tensors per part: fp32, fp16, or int4 (weight-only; activations stay fp32). */
    public record Precision(String thinker, String talker, String encoders, String token2wav) {
        public Precision {
            oneOf("precision.thinker", thinker, Set.of("fp32", "fp16", "int4"));
            oneOf("precision.talker", talker, Set.of("fp32", "fp16"));
            oneOf("precision.encoders", encoders, Set.of("fp32", "fp16"));
            oneOf("precision.token2wav", token2wav, Set.of("fp32"));
        }
    }

    public record Thinker(int hidden, int layers, int heads, int kvHeads, int headDim, int vocab, double ropeTheta,
                          List<Integer> mropeSection, int maxPositions, List<Long> stopTokens) {
        public Thinker {
            positive("thinker", "hidden layers heads kv_heads head_dim vocab max_positions",
                    hidden, layers, heads, kvHeads, headDim, vocab, maxPositions);
            require(mropeSection.size() == 3, "thinker.mrope_section must have 3 entries");
            require(!stopTokens.isEmpty(), "thinker.stop_tokens is empty");
            mropeSection = List.copyOf(mropeSection);
            stopTokens = List.copyOf(stopTokens);
        }
    }

    public record Talker(int embedding, int hidden, int layers, int heads, int kvHeads, int headDim, int vocab,
                         List<Integer> mropeSection) {
        public Talker {
            positive("talker", "embedding hidden layers heads kv_heads head_dim vocab",
                    embedding, hidden, layers, heads, kvHeads, headDim, vocab);
            require(mropeSection.size() == 3, "talker.mrope_section must have 3 entries");
            mropeSection = List.copyOf(mropeSection);
        }
    }

    public record Audio(int sampleRate, int melBins, int nFft, int hop, int chunkLengthS, int nWindow) {
        public Audio {
            positive("audio", "sample_rate mel_bins n_fft hop chunk_length_s n_window",
                    sampleRate, melBins, nFft, hop, chunkLengthS, nWindow);
        }
    }

    public record Vision(int patch, int temporalPatch, int merge, long minPixels, long maxPixels,
                         List<Double> mean, List<Double> std) {
        public Vision {
            positive("vision", "patch temporal_patch merge", patch, temporalPatch, merge);
            require(mean.size() == 3 && std.size() == 3, "vision.mean and vision.std must have 3 entries");
            mean = List.copyOf(mean);
            std = List.copyOf(std);
        }

        /** Values per patch row of pixel_values: 3 channels x temporal_patch x patch x patch (1176). */
        public int patchDim() {
            return 3 * temporalPatch * patch * patch;
        }
    }

    public record Video(double fps, int minFrames, int maxFrames, int frameFactor, long minPixels, long maxPixels,
                        long totalPixels, String secondPerGrid) {
        public Video {
            require(fps > 0, "video.fps must be > 0");
            positive("video", "min_frames max_frames frame_factor", minFrames, maxFrames, frameFactor);
            oneOf("video.second_per_grid", secondPerGrid, Set.of("sampled", "nominal"));
        }
    }

    public record Tokens(long imStart, long imEnd, long endoftext, long audio, long audioBos, long audioEos,
                         long visionBos, long visionEos, long image, long video, long ttsPad, long ttsBos,
                         long ttsEos, long codecPad, long codecBos, long codecEos, long codecMask) {}

    public record Rope(int positionIdPerSeconds, int secondsPerChunk) {
        public Rope {
            positive("rope", "position_id_per_seconds seconds_per_chunk", positionIdPerSeconds, secondsPerChunk);
        }
    }

    public record Token2Wav(int melDim, int repeats, int blockSize, int sampleRate, int hop, int odeSteps,
                            double guidanceScale, double swayCoefficient, int numCodes, int ditHidden,
                            int spkCondDim, int spkEmbDim) {
        public Token2Wav {
            positive("token2wav", "mel_dim repeats block_size sample_rate hop ode_steps num_codes dit_hidden"
                    + " spk_cond_dim spk_emb_dim", melDim, repeats, blockSize, sampleRate, hop, odeSteps, numCodes,
                    ditHidden, spkCondDim, spkEmbDim);
        }
    }

    public record Generation(ThinkerSampling thinker, TalkerSampling talker) {}

    public record ThinkerSampling(double temperature, double topP, int topK, double repetitionPenalty,
                                  int maxNewTokens) {
        public ThinkerSampling {
            positive("generation.thinker", "max_new_tokens", maxNewTokens);
        }
    }

    public record TalkerSampling(double temperature, int topK, double topP, double repetitionPenalty,
                                 int maxNewTokens, List<Integer> stopCodes, List<Integer> suppressCodes) {
        public TalkerSampling {
            positive("generation.talker", "max_new_tokens", maxNewTokens);
            stopCodes = List.copyOf(stopCodes);
            suppressCodes = List.copyOf(suppressCodes);
        }
    }

    /** A file of the package with its expected SHA-256 (64 hex digits, stored lower-case). */
    public record FileEntry(String file, String sha256) {
        public FileEntry {
            sha256 = hex(sha256);
        }
    }

    /** A graph file, with the external data files ONNX Runtime loads beside it. */
    public record GraphEntry(String file, String sha256, 
                             @JsonProperty(required = false) @JsonSetter(nulls = Nulls.AS_EMPTY) List<FileEntry> data) {
        public GraphEntry {
            sha256 = hex(sha256);
            data = List.copyOf(data);
        }
    }

    /** A speaker JSON; its SHA-256 is optional in format 1 ("" when absent). */
    public record SpeakerEntry(String file, @JsonProperty(required = false) @JsonSetter(nulls = Nulls.AS_EMPTY)
                               String sha256) {
        public SpeakerEntry {
            sha256 = sha256.isEmpty() ? "" : hex(sha256);
        }
    }

    private static String hex(String sha256) {
        String lower = sha256.toLowerCase(Locale.ROOT);
        require(lower.matches("[0-9a-f]{64}"), "sha256 '" + sha256 + "' is not 64 hex digits");
        return lower;
    }

    private static void oneOf(String field, String value, Set<String> allowed) {
        require(allowed.contains(value), field + " is '" + value + "', expected one of " + allowed);
    }

    /** {@code names} are the JSON names of {@code values}, space separated. */
    private static void positive(String section, String names, int... values) {
        String[] name = names.split(" ");
        for (int i = 0; i < values.length; i++) {
            require(values[i] > 0, section + "." + name[i] + " is " + values[i] + ", must be > 0");
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
