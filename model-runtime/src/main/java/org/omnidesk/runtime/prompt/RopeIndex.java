// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.prompt;

import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;

/**
 * TMRoPE positions exactly as transformers' Qwen2.5-Omni {@code get_rope_index} (QWEN25_OMNI.md §5.1)
 * for one unpadded sequence: text sequential; per media item its bos, its block, its eos, each block
 * starting at 1 + the max of the block before; images and videos 3-D (T from the grid's time, H/W
 * from the merged row/column); audio sequential; a video with its sound as bos,bos (one position),
 * video and audio chunks of 2 s interleaved, eos,eos. {@link #append} continues a cached sequence so
 * that the new tokens get what get_rope_index over the whole sequence would give them.
 */
public final class RopeIndex {

    private final PromptConfig config;

    public RopeIndex(PromptConfig config) {
        this.config = config;
    }

    /** Positions of a whole sequence from the start (transformers' position_ids [3, 1, S] and rope_deltas). */
    public RopePositions compute(long[] ids, MediaSizes media) {
        return append(RopeState.EMPTY, ids, media);
    }

    /** Positions of {@code ids} appended after a cache in {@code state}; {@code media} are the new tokens' media. */
    public RopePositions append(RopeState state, long[] ids, MediaSizes media) {
        Walk walk = new Walk(ids.length, state);
        int st = 0;
        int image = 0;
        int video = 0;
        int audio = 0;
        while (true) {
            int edImage = image < media.images().size() ? indexOf(ids, config.image(), st) : -1;
            int edVideo = video < media.videos().size() ? indexOf(ids, config.video(), st) : -1;
            int edAudio = audio < media.audioFrames().size() ? indexOf(ids, config.audio(), st) : -1;
            int ed = firstOf(edImage, edVideo, edAudio);
            if (ed < 0) {
                break;
            }
            if (ed == edAudio) {
                int n = AudioTokens.require(media.audioFrames().get(audio));
                st = bosBlockEos(ids, st, ed, config.audioBos(), "<|audio_bos|>", config.audio(), n,
                        "audio " + audio, start -> sequential(start, n), walk);
                audio++;
            } else if (ed == edImage) {
                GridThw grid = media.images().get(image);
                st = bosBlockEos(ids, st, ed, config.visionBos(), "<|vision_bos|>", config.image(),
                        grid.tokens(config.spatialMerge()), "image " + image + " (grid " + grid + ")",
                        start -> vision(start, grid, imageTimes(grid)), walk);
                image++;
            } else if (ed >= 1 && ids[ed - 1] == config.audioBos()) {
                expectBefore(ids, ed - 1, config.visionBos(), "<|vision_bos|>");
                st = videoWithAudio(ids, media, st, ed, video, audio, walk);
                video++;
                audio++;
            } else {
                GridThw grid = media.videos().get(video);
                long[] times = videoTimes(grid, media.videoSecondPerGrid().get(video));
                st = bosBlockEos(ids, st, ed, config.visionBos(), "<|vision_bos|>", config.video(),
                        grid.tokens(config.spatialMerge()), "video " + video + " (grid " + grid + ")",
                        start -> vision(start, grid, times), walk);
                video++;
            }
        }
        if (image != media.images().size() || video != media.videos().size() || audio != media.audioFrames().size()) {
            throw new IllegalArgumentException("input_ids hold placeholders for " + image + " images, " + video
                    + " videos, " + audio + " audios, but sizes were given for " + media.images().size() + ", "
                    + media.videos().size() + ", " + media.audioFrames().size());
        }
        long placeholders = Arrays.stream(ids)
                .filter(id -> id == config.image() || id == config.video() || id == config.audio()).count();
        if (placeholders != walk.mediaTokens) {
            throw new IllegalArgumentException("input_ids hold " + placeholders + " placeholder tokens, the media sizes"
                    + " account for " + walk.mediaTokens);
        }
        walk.text(ids.length - st);
        return walk.result();
    }

    /**
     * Text up to the item, its bos, its block of {@code n} placeholders (positions from the block's
     * start), its eos: audio, image, and video without sound. Returns the index after the eos.
     */
    private int bosBlockEos(long[] ids, int st, int ed, long bos, String bosName, long token, int n, String what,
                            LongFunction<long[][]> block, Walk walk) {
        expectBefore(ids, ed, bos, bosName);
        expectRun(ids, ed, n, token, what);
        walk.text(ed - st - 1);
        walk.same(1);
        walk.media(block.apply(walk.next()));
        walk.same(1);
        return ed + n + 1;
    }

    /** {@code <|vision_bos|><|audio_bos|>} V/A chunks {@code <|audio_eos|><|vision_eos|>}; returns the new st. */
    private int videoWithAudio(long[] ids, MediaSizes media, int st, int ed, int video, int audio, Walk walk) {
        if (audio >= media.audioFrames().size()) {
            throw new IllegalArgumentException("video " + video + " carries its sound but no audio length is left"
                    + " for it");
        }
        GridThw grid = media.videos().get(video);
        int nv = grid.tokens(config.spatialMerge());
        int na = AudioTokens.require(media.audioFrames().get(audio));
        if (ed + nv + na + 1 >= ids.length || ids[ed + nv + na] != config.audioEos()
                || ids[ed + nv + na + 1] != config.visionEos()) {
            throw new IllegalArgumentException("video " + video + " (grid " + grid + ") with " + na + " audio tokens"
                    + " needs " + (nv + na) + " placeholders between <|audio_bos|> and <|audio_eos|><|vision_eos|>");
        }
        walk.text(ed - st - 2);
        walk.same(2);
        long s = walk.next();
        long[][] v = vision(s, grid, videoTimes(grid, media.videoSecondPerGrid().get(video)));
        long[][] a = sequential(s, na);
        List<int[]> vChunks = ChunkedIndex.split(relative(v[0], s), config.tokensPerChunk());
        List<int[]> aChunks = ChunkedIndex.split(relative(a[0], s), config.tokensPerChunk());
        for (int j = 0; j < Math.max(vChunks.size(), aChunks.size()); j++) {
            if (j < vChunks.size()) {
                walk.media(slice(v, vChunks.get(j)));
            }
            if (j < aChunks.size()) {
                walk.media(slice(a, aChunks.get(j)));
            }
        }
        walk.same(2);
        return ed + nv + na + 2;
    }

    /** Image grids: t · 1 s · position ids per second (t is 1 for images). */
    private long[] imageTimes(GridThw grid) {
        long[] times = new long[grid.t()];
        for (int k = 0; k < times.length; k++) {
            times[k] = (long) k * config.positionIdPerSeconds();
        }
        return times;
    }

    /** Video grids: trunc(k · second_per_grid · 25) in float32, as torch computes it before .long(). */
    private long[] videoTimes(GridThw grid, double secondPerGrid) {
        float spg = (float) secondPerGrid;
        long[] times = new long[grid.t()];
        for (int k = 0; k < times.length; k++) {
            times[k] = (long) (((float) k * spg) * (float) config.positionIdPerSeconds());
        }
        return times;
    }

    /** [3, t·h'·w'] = (start + T[k], start + row, start + col) in (k, row, col) raster order. */
    private long[][] vision(long start, GridThw grid, long[] times) {
        int h = grid.h() / config.spatialMerge();
        int w = grid.w() / config.spatialMerge();
        long[][] p = new long[3][grid.t() * h * w];
        int i = 0;
        for (int k = 0; k < grid.t(); k++) {
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++, i++) {
                    p[0][i] = start + times[k];
                    p[1][i] = start + r;
                    p[2][i] = start + c;
                }
            }
        }
        return p;
    }

    private static long[][] sequential(long start, int n) {
        long[][] p = new long[3][n];
        for (int i = 0; i < n; i++) {
            p[0][i] = p[1][i] = p[2][i] = start + i;
        }
        return p;
    }

    private static double[] relative(long[] values, long start) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] - start;
        }
        return out;
    }

    private static long[][] slice(long[][] block, int[] range) {
        long[][] out = new long[3][];
        for (int row = 0; row < 3; row++) {
            out[row] = Arrays.copyOfRange(block[row], range[0], range[1]);
        }
        return out;
    }

    private static int indexOf(long[] ids, long token, int from) {
        for (int i = from; i < ids.length; i++) {
            if (ids[i] == token) {
                return i;
            }
        }
        return -1;
    }

    /** The smallest index ≥ 0 of the three, or -1; ties cannot happen (different tokens). */
    private static int firstOf(int a, int b, int c) {
        int best = -1;
        for (int x : new int[] {a, b, c}) {
            if (x >= 0 && (best < 0 || x < best)) {
                best = x;
            }
        }
        return best;
    }

    private static void expectBefore(long[] ids, int at, long bos, String name) {
        if (at < 1 || ids[at - 1] != bos) {
            throw new IllegalArgumentException("input_ids: the placeholder run at index " + at + " is not preceded by "
                    + name);
        }
    }

    private static void expectRun(long[] ids, int at, int n, long token, String what) {
        int run = 0;
        while (at + run < ids.length && ids[at + run] == token) {
            run++;
        }
        if (run != n) {
            throw new IllegalArgumentException("input_ids: " + what + " needs " + n + " placeholder tokens, found a run"
                    + " of " + run + " at index " + at);
        }
    }

    /** The list of 3-row position blocks of get_rope_index, written straight into [3, S]. */
    private static final class Walk {
        private final long[][] out;
        private final RopeState start;
        private int written;
        private long lastBlockMax;
        private long maxPosition;
        private long mediaTokens;

        Walk(int length, RopeState start) {
            this.out = new long[3][length];
            this.start = start;
            this.lastBlockMax = start.lastBlockMax();
            this.maxPosition = start.maxPosition();
        }

        /** get_rope_index's {@code st_idx}: 1 + max of the last block (0 at the start). */
        long next() {
            return lastBlockMax + 1;
        }

        void text(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("input_ids: media placeholders overlap");
            }
            if (n > 0) {
                block(sequential(next(), n));
            }
        }

        /** {@code n} tokens (bos or eos) all at the next position. */
        void same(int n) {
            long p = next();
            long[][] b = new long[3][n];
            for (long[] row : b) {
                Arrays.fill(row, p);
            }
            block(b);
        }

        /** A block of placeholder tokens (encoder rows). */
        void media(long[][] b) {
            mediaTokens += b[0].length;
            block(b);
        }

        void block(long[][] b) {
            long max = Long.MIN_VALUE;
            for (int row = 0; row < 3; row++) {
                System.arraycopy(b[row], 0, out[row], written, b[row].length);
                for (long v : b[row]) {
                    max = Math.max(max, v);
                }
            }
            written += b[0].length;
            if (b[0].length > 0) {
                lastBlockMax = max;
                maxPosition = Math.max(maxPosition, max);
            }
        }

        RopePositions result() {
            long length = start.length() + written;
            return new RopePositions(out, new RopeState(length, lastBlockMax, maxPosition, maxPosition + 1 - length));
        }
    }
}
