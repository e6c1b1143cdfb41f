// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.prompt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RopeIndexTest {

    private static final PromptConfig Q = RopeCases.QWEN;
    private final RopeIndex rope = new RopeIndex(Q);

    static Stream<RopeCases> cases() throws Exception {
        return RopeCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTransformersGetRopeIndexExactly(RopeCases c) {
        RopePositions p = rope.compute(c.inputIds(), c.media());
        for (int row = 0; row < 3; row++) {
            assertArrayEquals(c.positionIds()[row], p.ids()[row], c.name() + " row " + row);
        }
        assertEquals(c.ropeDelta(), p.state().ropeDelta(), c.name() + " rope_delta");
        assertEquals(c.inputIds().length, p.state().length());
    }

    @Test
    void referenceCasesCoverEveryModality() throws Exception {
        List<String> names = cases().map(RopeCases::name).toList();
        assertEquals(4, names.size(), names.toString());
        assertTrue(cases().anyMatch(RopeCases::useAudioInVideo));
    }

    /**
     * Hand-derived from QWEN25_OMNI.md §5.1: a 4 s video (grid 4x4x4, 1 s per grid, merged 2x2) with
     * 400 mel frames of sound (100 tokens), then one text token. bos,bos = 0; s = 1; video T = 1 + 25k,
     * H = 1 + row, W = 1 + col; chunk 0 = grids 0-1 then audio 1..50; chunk 1 = grids 2-3 then audio
     * 51..100; eos,eos = 101; text 102. Max 102, length 121, rope_delta = 103 - 121 = -18.
     */
    @Test
    void videoWithItsSoundInterleavesTwoSecondChunks() {
        List<Long> ids = new ArrayList<>(List.of(Q.visionBos(), Q.audioBos()));
        addAll(ids, Q.video(), 8);
        addAll(ids, Q.audio(), 50);
        addAll(ids, Q.video(), 8);
        addAll(ids, Q.audio(), 50);
        ids.addAll(List.of(Q.audioEos(), Q.visionEos(), 42L));
        RopePositions p = rope.compute(toArray(ids),
                new MediaSizes(List.of(), List.of(new GridThw(4, 4, 4)), List.of(1.0), List.of(400)));

        long[] t = new long[121];
        long[] h = new long[121];
        long[] w = new long[121];
        int i = 2; // both bos at 0
        for (int chunk = 0; chunk < 2; chunk++) {
            for (int k = 2 * chunk; k < 2 * chunk + 2; k++) {
                for (int r = 0; r < 2; r++) {
                    for (int col = 0; col < 2; col++, i++) {
                        t[i] = 1 + 25L * k;
                        h[i] = 1 + r;
                        w[i] = 1 + col;
                    }
                }
            }
            for (int a = 0; a < 50; a++, i++) {
                t[i] = h[i] = w[i] = 1 + 50L * chunk + a;
            }
        }
        t[i] = h[i] = w[i] = 101;
        t[i + 1] = h[i + 1] = w[i + 1] = 101;
        t[i + 2] = h[i + 2] = w[i + 2] = 102;
        assertArrayEquals(t, p.ids()[0]);
        assertArrayEquals(h, p.ids()[1]);
        assertArrayEquals(w, p.ids()[2]);
        assertEquals(-18, p.state().ropeDelta());
        assertEquals(103, p.state().decodePosition());
    }

    /** get_chunked_index crosses one boundary per token: values 0,0,100,100,100,200 by 50 → [0,2) [2,3) [3,5) [5,6). */
    @Test
    void chunkedIndexOpensOneChunkPerToken() {
        List<int[]> runs = ChunkedIndex.split(new double[] {0, 0, 100, 100, 100, 200}, 50);
        assertEquals("[[0, 2], [2, 3], [3, 5], [5, 6]]", runs.stream().map(Arrays::toString).toList().toString());
        assertEquals("[[0, 0], [0, 1]]",
                ChunkedIndex.split(new double[] {60}, 50).stream().map(Arrays::toString).toList().toString());
    }

    /**
     * Multi-turn: the whole reference conversation computed at once equals the first part computed,
     * generated tokens fed at their decode positions, and the rest appended to the cache state.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void appendingToACacheContinuesAsTheWholeSequence(RopeCases c) {
        // split after the first media item's eos (or mid-text), then feed 3 "generated" tokens at decode positions
        int split = c.inputIds().length - 7;
        long[] head = Arrays.copyOfRange(c.inputIds(), 0, split);
        long[] tail = Arrays.copyOfRange(c.inputIds(), split + 3, c.inputIds().length);
        RopePositions first = rope.compute(head, c.media());
        long[] decoded = LongStream.range(0, 3).map(k -> first.state().afterDecode((int) k).decodePosition()).toArray();
        RopePositions rest = rope.append(first.state().afterDecode(3), tail, MediaSizes.NONE);
        for (int row = 0; row < 3; row++) {
            long[] joined = LongStream.concat(LongStream.concat(Arrays.stream(first.ids()[row]), Arrays.stream(decoded)),
                    Arrays.stream(rest.ids()[row])).toArray();
            assertArrayEquals(c.positionIds()[row], joined, c.name() + " row " + row);
        }
        assertEquals(c.ropeDelta(), rest.state().ropeDelta());
    }

    @Test
    void inconsistentPlaceholdersAreRefused() {
        long[] ids = {Q.visionBos(), Q.image(), Q.image(), Q.visionEos()};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rope.compute(ids, new MediaSizes(List.of(new GridThw(1, 4, 6)), List.of(), List.of(), List.of())));
        assertTrue(e.getMessage().contains("needs 6 placeholder tokens"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> rope.compute(ids, MediaSizes.NONE));
    }

    private static void addAll(List<Long> ids, long token, int n) {
        for (int i = 0; i < n; i++) {
            ids.add(token);
        }
    }

    static long[] toArray(List<Long> ids) {
        return ids.stream().mapToLong(Long::longValue).toArray();
    }
}
