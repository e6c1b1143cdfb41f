// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.prompt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.omnidesk.runtime.api.AudioFeatures;
import org.omnidesk.runtime.api.UserInput;
import org.omnidesk.runtime.api.VisionFeatures;
import org.omnidesk.runtime.pkg.ModelPackageException;
import org.omnidesk.runtime.prompt.Message.Role;
import org.omnidesk.runtime.testing.SharedData;
import org.omnidesk.runtime.tokenizer.Tokenizer;

/**
 * Expected ids are written by hand from the rules of QWEN25_OMNI.md §1.3-1.4 as a list of special
 * tokens (ids of §1.2), placeholder runs (counts computed by hand in the comments) and plain text
 * pieces (only those go through the tokenizer). The reference rope cases add ids produced by the
 * Hugging Face processor itself.
 */
class ChatTemplateTest {

    private static final PromptConfig Q = RopeCases.QWEN;
    private static final long IM_START = 151644;
    private static final long IM_END = 151645;
    private static final long AUDIO = 151646;
    private static final long AUDIO_BOS = 151647;
    private static final long AUDIO_EOS = 151648;
    private static final long VISION_BOS = 151652;
    private static final long VISION_EOS = 151653;
    private static final long IMAGE = 151655;
    private static final long VIDEO = 151656;
    private static final String SPEECH = "You are Qwen, a virtual human developed by the Qwen Team, Alibaba Group,"
            + " capable of perceiving auditory and visual inputs, as well as generating text and speech.";

    private static Tokenizer tok;
    private static ChatTemplate template;

    @BeforeAll
    static void load() {
        tok = Tokenizer.load(SharedData.tokenizerJson());
        template = new ChatTemplate(tok, Q);
    }

    @AfterAll
    static void close() {
        tok.close();
    }

    /** Special ids (Long), runs {id, count} (long[]) and plain text pieces (String), in order. */
    private static long[] expected(Object... pieces) {
        List<Long> ids = new ArrayList<>();
        for (Object p : pieces) {
            if (p instanceof Long id) {
                ids.add(id);
            } else if (p instanceof long[] run) {
                for (int i = 0; i < run[1]; i++) {
                    ids.add(run[0]);
                }
            } else {
                for (long id : tok.encode((String) p)) {
                    ids.add(id);
                }
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private static long[] run(long token, long count) {
        return new long[] {token, count};
    }

    private static Message user(Content... items) {
        return new Message(Role.USER, List.of(items));
    }

    private static Content.Text text(String s) {
        return new Content.Text(s);
    }

    private static void assertSequential(Prompt p) {
        for (long[] row : p.positions().ids()) {
            assertArrayEquals(LongStream.range(0, p.inputIds().length).toArray(), row);
        }
        assertEquals(0, p.ropeDelta());
    }

    @Test
    void textOnlyWithSpeechOffGetsTheDefaultSystemPrompt() {
        Prompt p = template.render(List.of(Message.text(Role.USER, "Hello!")), false, true);
        assertArrayEquals(expected(IM_START, "system\nYou are a helpful assistant.", IM_END, "\n",
                IM_START, "user\nHello!", IM_END, "\n", IM_START, "assistant\n"), p.inputIds());
        assertSequential(p);
        assertTrue(p.spans().isEmpty());
    }

    @Test
    void anOwnSystemMessageIsKeptWhenSpeechIsOff() {
        Prompt p = template.render(List.of(Message.text(Role.SYSTEM, "Be brief."), Message.text(Role.USER, "Hi")),
                false, false);
        assertArrayEquals(expected(IM_START, "system\nBe brief.", IM_END, "\n", IM_START, "user\nHi", IM_END, "\n"),
                p.inputIds());
    }

    @Test
    void messageTextIsUsedExactlyAsGiven() {
        Prompt p = template.render(List.of(Message.text(Role.USER, "  two  spaces \n")), false, false);
        assertArrayEquals(expected(IM_START, "system\nYou are a helpful assistant.", IM_END, "\n",
                IM_START, "user\n  two  spaces \n", IM_END, "\n"), p.inputIds());
    }

    @Test
    void imageExpandsToTHWOverFourTokensWithThreeDimensionalPositions() {
        // grid 1x4x6 → 1·4·6/4 = 6 <|IMAGE|> tokens, merged grid 2 rows x 3 columns
        Prompt p = template.render(List.of(user(new Content.Image(new GridThw(1, 4, 6)), text("What is this?"))),
                false, true);
        long[] head = expected(IM_START, "system\nYou are a helpful assistant.", IM_END, "\n", IM_START, "user\n");
        assertArrayEquals(expected(IM_START, "system\nYou are a helpful assistant.", IM_END, "\n", IM_START, "user\n",
                VISION_BOS, run(IMAGE, 6), VISION_EOS, "What is this?", IM_END, "\n", IM_START, "assistant\n"),
                p.inputIds());
        int bos = head.length;
        long s = bos + 1;  // text 0..bos-1, bos at bos, the image block starts at bos+1
        long[][] pos = p.positions().ids();
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                int i = bos + 1 + 3 * r + c;
                assertEquals(s, pos[0][i]);
                assertEquals(s + r, pos[1][i]);
                assertEquals(s + c, pos[2][i]);
            }
        }
        // eos = 1 + max(s, s+1, s+2) and text continues: 6 tokens took 3 positions (s .. s+2), so rope_delta = -3
        assertEquals(s + 3, pos[0][bos + 7]);
        assertEquals(-3, p.ropeDelta());
        assertEquals(List.of(new MediaSpan(0, Modality.IMAGE, bos + 1, 6, 0)), p.spans());
    }

    @Test
    void audioExpandsByTheConvAndPoolFormula() {
        // 1100 mel frames: (1099 div 2 + 1 - 2) div 2 + 1 = (549 + 1 - 2) div 2 + 1 = 275
        Prompt p = template.render(List.of(user(new Content.Audio(1100), text("Transcribe this."))), false, true);
        long[] head = expected(IM_START, "system\nYou are a helpful assistant.", IM_END, "\n", IM_START, "user\n");
        assertArrayEquals(expected(IM_START, "system\nYou are a helpful assistant.", IM_END, "\n", IM_START, "user\n",
                AUDIO_BOS, run(AUDIO, 275), AUDIO_EOS, "Transcribe this.", IM_END, "\n", IM_START, "assistant\n"),
                p.inputIds());
        assertSequential(p);
        assertEquals(List.of(new MediaSpan(0, Modality.AUDIO, head.length + 1, 275, 0)), p.spans());
    }

    @Test
    void videoWithoutSoundExpandsLikeAnImageWithTime() {
        // grid 2x4x4 → 2·4·4/4 = 8 <|VIDEO|> tokens; 2 s per grid → T = s + 0 and s + 50
        Prompt p = template.render(List.of(user(new Content.Video(new GridThw(2, 4, 4), 2.0, OptionalInt.empty()),
                text("What happens?"))), false, true);
        long[] head = expected(IM_START, "system\nYou are a helpful assistant.", IM_END, "\n", IM_START, "user\n");
        assertArrayEquals(expected(IM_START, "system\nYou are a helpful assistant.", IM_END, "\n", IM_START, "user\n",
                VISION_BOS, run(VIDEO, 8), VISION_EOS, "What happens?", IM_END, "\n", IM_START, "assistant\n"),
                p.inputIds());
        long s = head.length + 1;
        long[] t = Arrays.copyOfRange(p.positions().ids()[0], head.length + 1, head.length + 9);
        assertArrayEquals(new long[] {s, s, s, s, s + 50, s + 50, s + 50, s + 50}, t);
        assertEquals(s + 51, p.positions().ids()[0][head.length + 9]);  // eos = 1 + max(T)
        assertEquals(List.of(new MediaSpan(0, Modality.VIDEO, head.length + 1, 8, 0)), p.spans());
    }

    @Test
    void videoWithSoundInterleavesTwoSecondChunksOfFramesAndAudio() {
        // grid 4x4x4, 1 s per grid: 4 tokens per grid at times 0, 25, 50, 75 → chunks of 8 + 8 video tokens;
        // 400 mel frames → (199 + 1 - 2) div 2 + 1 = 100 audio tokens → chunks of 50 + 50.
        Prompt p = template.render(List.of(user(new Content.Video(new GridThw(4, 4, 4), 1.0, OptionalInt.of(400)),
                text("What happens?"))), false, true);
        int b = expected(IM_START, "system\nYou are a helpful assistant.", IM_END, "\n", IM_START, "user\n").length;
        assertArrayEquals(expected(IM_START, "system\nYou are a helpful assistant.", IM_END, "\n", IM_START, "user\n",
                VISION_BOS, AUDIO_BOS, run(VIDEO, 8), run(AUDIO, 50), run(VIDEO, 8), run(AUDIO, 50), AUDIO_EOS,
                VISION_EOS, "What happens?", IM_END, "\n", IM_START, "assistant\n"), p.inputIds());
        assertEquals(List.of(new MediaSpan(0, Modality.VIDEO, b + 2, 8, 0), new MediaSpan(0, Modality.AUDIO, b + 10, 50, 0),
                new MediaSpan(0, Modality.VIDEO, b + 60, 8, 8), new MediaSpan(0, Modality.AUDIO, b + 68, 50, 50)),
                p.spans());
        long[][] pos = p.positions().ids();
        assertEquals(pos[0][b], pos[0][b + 1]);                 // both bos share a position
        assertEquals(pos[0][b] + 1 + 100, pos[0][b + 118]);    // both eos at 1 + last audio position
        assertEquals(pos[0][b + 118], pos[0][b + 119]);
    }

    @Test
    void mediaItemsKeepMessageOrderAcrossModalities() {
        Prompt p = template.render(List.of(user(new Content.Audio(100), new Content.Image(new GridThw(1, 2, 2)),
                new Content.Audio(200))), false, false);
        // 100 frames → 25 tokens, 2x2 grid → 1 token, 200 frames → 50 tokens
        assertEquals(List.of(Modality.AUDIO, Modality.IMAGE, Modality.AUDIO),
                p.spans().stream().map(MediaSpan::modality).toList());
        assertEquals(List.of(0, 1, 2), p.spans().stream().map(MediaSpan::item).toList());
        assertEquals(List.of(25, 1, 50), p.spans().stream().map(MediaSpan::length).toList());
    }

    @Test
    void speechOnForcesTheSpeechSystemPrompt() {
        Prompt p = template.render(List.of(Message.text(Role.USER, "Hi")), true, true);
        assertArrayEquals(expected(IM_START, "system\n" + SPEECH, IM_END, "\n", IM_START, "user\nHi", IM_END, "\n",
                IM_START, "assistant\n"), p.inputIds());
    }

    @Test
    void speechOnMovesAPersonaIntoAUserTurnWithAnAcknowledgement() {
        Prompt p = template.render(List.of(Message.text(Role.SYSTEM, "You are a pirate."),
                Message.text(Role.USER, "Hi")), true, true);
        assertArrayEquals(expected(IM_START, "system\n" + SPEECH, IM_END, "\n",
                IM_START, "user\nYou are a pirate.", IM_END, "\n",
                IM_START, "assistant\nSure, I got it.", IM_END, "\n",
                IM_START, "user\nHi", IM_END, "\n", IM_START, "assistant\n"), p.inputIds());
    }

    @Test
    void speechOnKeepsAnExplicitSpeechSystemPromptAsIs() {
        Prompt p = template.render(List.of(Message.text(Role.SYSTEM, SPEECH), Message.text(Role.USER, "Hi")), true,
                false);
        assertArrayEquals(expected(IM_START, "system\n" + SPEECH, IM_END, "\n", IM_START, "user\nHi", IM_END, "\n"),
                p.inputIds());
    }

    /** The Hugging Face processor's own ids for the rope reference conversations (speech prompt on). */
    @Test
    void matchesTheHuggingFaceProcessorOnTheReferenceConversations() throws Exception {
        assertSameAsReference("text_only.json",
                template.render(List.of(Message.text(Role.USER, "Hello! Tell me a joke.")), true, true));
        assertSameAsReference("text_image_1x4x6.json", template.render(List.of(user(
                new Content.Image(new GridThw(1, 4, 6)), text("What is in this image?"))), true, true));
        assertSameAsReference("video_audio_interleave_8s.json", template.render(List.of(user(
                new Content.Video(new GridThw(8, 8, 12), 1.0, OptionalInt.of(800)), text("What happens?"))), true, true));
        // this reference conversation has no system message at all: rendered as a bare block
        assertSameAsReference("text_audio_1100frames.json", template.append(RopeState.EMPTY, false, List.of(user(
                new Content.Audio(1100), text("Transcribe this."))), true));
    }

    private static void assertSameAsReference(String file, Prompt p) throws Exception {
        RopeCases c = RopeCases.read(SharedData.path("rope/" + file));
        assertArrayEquals(c.inputIds(), p.inputIds(), file);
        for (int row = 0; row < 3; row++) {
            assertArrayEquals(c.positionIds()[row], p.positions().ids()[row], file + " row " + row);
        }
        assertEquals(c.ropeDelta(), p.ropeDelta(), file);
    }

    /**
     * Two turns: turn 1 (image), a reply fed token by token at decode positions, turn 2 (video with
     * its sound) appended to the cache state, give the ids and positions of the whole conversation
     * rendered at once.
     */
    @Test
    void aSecondTurnAppendedToTheCacheEqualsTheWholeConversation() {
        Message turn1 = user(new Content.Image(new GridThw(1, 4, 6)), text("What is this?"));
        String reply = "A red square.";
        Message turn2 = user(new Content.Video(new GridThw(4, 4, 4), 1.0, OptionalInt.of(400)), text("And this?"));

        Prompt first = template.render(List.of(turn1), false, true);
        long[] replyIds = tok.encode(reply);
        long[] replyPositions = new long[replyIds.length];
        RopeState state = first.state();
        for (int i = 0; i < replyIds.length; i++) {
            replyPositions[i] = state.decodePosition();
            state = state.afterDecode(1);
        }
        Prompt second = template.append(state, true, List.of(turn2), true);

        Prompt whole = template.render(List.of(turn1, Message.text(Role.ASSISTANT, reply), turn2), false, true);
        assertArrayEquals(whole.inputIds(), concat(first.inputIds(), replyIds, second.inputIds()));
        for (int row = 0; row < 3; row++) {
            assertArrayEquals(whole.positions().ids()[row],
                    concat(first.positions().ids()[row], replyPositions, second.positions().ids()[row]), "row " + row);
        }
        assertEquals(whole.ropeDelta(), second.ropeDelta());
        assertEquals(whole.inputIds().length, second.state().length());
        // turn 2's spans are relative to its own block; shifted by the cache they are the whole's last spans
        int offset = first.inputIds().length + replyIds.length;
        List<MediaSpan> shifted = second.spans().stream().map(sp -> new MediaSpan(sp.item() + 1, sp.modality(),
                sp.start() + offset, sp.length(), sp.firstRow())).toList();
        assertEquals(whole.spans().subList(1, whole.spans().size()), shifted);
    }

    @Test
    void theBuiltInQwenValuesAreTheDocumentedOnesAndMatchTheTokenizer() {
        assertEquals(Q, PromptConfig.QWEN25_OMNI);
        PromptConfig.QWEN25_OMNI.requireMatches(tok);
        PromptConfig wrong = new PromptConfig(1, Q.imEnd(), Q.audio(), Q.audioBos(), Q.audioEos(), Q.visionBos(),
                Q.visionEos(), Q.image(), Q.video(), Q.speechSystemPrompt(), 25, 2, 2);
        ModelPackageException e = assertThrows(ModelPackageException.class, () -> new ChatTemplate(tok, wrong));
        assertTrue(e.getMessage().contains("<|im_start|>"), e.getMessage());
    }

    @Test
    void engineInputsMapToTheirSizes() {
        VisionFeatures image = new VisionFeatures(new float[1 * 4 * 6 * 1176], 1, 4, 6, 0, null);
        VisionFeatures video = new VisionFeatures(new float[2 * 4 * 4 * 1176], 2, 4, 4, 2.0, null);
        AudioFeatures audio = new AudioFeatures(new float[128 * 300], 300, null);
        assertEquals(new Content.Image(new GridThw(1, 4, 6)), Content.of(new UserInput.Image(image, "a.png")));
        assertEquals(new Content.Audio(300), Content.of(new UserInput.Audio(audio, "mic")));
        assertEquals(new Content.Video(new GridThw(2, 4, 4), 2.0, OptionalInt.of(300)),
                Content.of(new UserInput.Video(video, Optional.of(audio), "v.mp4")));
        assertEquals(new Content.Text("hi"), Content.of(new UserInput.Text("hi")));
    }

    private static long[] concat(long[]... parts) {
        return Arrays.stream(parts).flatMapToLong(Arrays::stream).toArray();
    }
}
