// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.speech;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.omnidesk.runtime.decode.DecoderGraph;
import org.omnidesk.runtime.decode.KvCache;
import org.omnidesk.runtime.decode.TokenHistory;
import org.omnidesk.runtime.decode.TokenPicker;
import org.omnidesk.runtime.encode.Encoders;

/**
 * One utterance of the Talker, built row by row as QWEN25_OMNI.md §7.2 (transformers' generate):
 * <ul>
 * <li>prefill: the conversation's rows H[p] + E[p] (media rows of E zeroed), then
 *     Emb_T(speaker bos) + Emb_C(codec_pad), then R[0] + Emb_C(codec_bos), where R[j] is the
 *     Thinker's hidden + input embedding of reply token g_j;</li>
 * <li>step k ≥ 1: Emb_C(c_{k−1}) + Q[min(k−1, |Q|−1)], Q = R[1…] then Emb_T(tts_eos) once, then
 *     Emb_T(tts_pad) for ever — so the text leads the speech by one position.</li>
 * </ul>
 * Positions continue the Thinker's: the two extra prefill rows take next, next+1, decode rows follow.
 * Single-threaded; the caller interleaves one Thinker step with one {@link #step()}.
 */
public final class TalkerTurn implements AutoCloseable {

    /** The Talker's ids from the manifest. */
    public record Ids(int codecPad, int codecBos, int codecMask, long ttsEos, long ttsPad, int[] stopCodes,
                      int maxNewCodes) {}

    private final DecoderGraph decoder;
    private final Encoders encoders;
    private final Ids ids;
    private final TokenPicker picker;
    private final OrtSession.RunOptions runOptions;
    private final KvCache cache;
    private final TokenHistory history = new TokenHistory();
    private final ArrayDeque<float[]> queue = new ArrayDeque<>(); // Q rows not yet consumed, [D] each
    private final List<Integer> codes = new ArrayList<>();
    private final int width;
    private float[] padRow;          // Emb_T(tts_pad) once the text has ended
    private float[] contextRows;      // [P, D] until the prefill runs
    private long[][] contextPositions;
    private long position;           // next position
    private final long speakerBos;
    private boolean finished;
    private float[] logits;

    public TalkerTurn(DecoderGraph decoder, Encoders encoders, Ids ids, TokenPicker picker,
                      OrtSession.RunOptions runOptions, float[] contextRows, long[][] contextPositions,
                      long nextPosition, long speakerBos) throws OrtException {
        this.decoder = decoder;
        this.encoders = encoders;
        this.ids = ids;
        this.picker = picker;
        this.runOptions = runOptions;
        this.width = decoder.width();
        this.contextRows = contextRows;
        this.contextPositions = contextPositions;
        this.position = nextPosition;
        this.speakerBos = speakerBos;
        this.cache = decoder.newCache();
        history.add(ids.codecMask());
        history.add(ids.codecPad());
        history.add(ids.codecBos());
    }

    /** A reply row R[j] = H(g_j) + E(g_j) [D], in order. */
    public void offer(float[] replyRow) {
        queue.add(replyRow);
    }

    /** The Thinker's text has ended: tts_eos follows once, then tts_pad for ever. */
    public void textEnded() throws OrtException {
        if (padRow == null) {
            float[] both = encoders.embedTokens(new long[] {ids.ttsEos(), ids.ttsPad()}, runOptions);
            queue.add(java.util.Arrays.copyOfRange(both, 0, width));
            padRow = java.util.Arrays.copyOfRange(both, width, 2 * width);
        }
    }

    /** Whether {@link #step()} can run now (it needs a queue row unless the text has ended). */
    public boolean ready() {
        return !finished && (!queue.isEmpty() || padRow != null && contextRows == null);
    }

    public boolean finished() {
        return finished;
    }

    /** Runs the prefill or one decode step; returns the new code, or -1 when the Talker stopped. */
    public int step() throws OrtException {
        if (!ready()) {
            throw new IllegalStateException("talker step without an input row");
        }
        if (contextRows != null) {
            prefill();
        } else {
            float[] q = queue.isEmpty() ? padRow : queue.poll();
            float[] row = encoders.embedCodecs(new long[] {codes.get(codes.size() - 1)}, runOptions);
            add(row, q, 0);
            logits = decoder.run(row, new long[][] {{position}, {position}, {position}}, cache, false, runOptions).logits();
            position++;
        }
        int code = picker.pick(logits, history);
        history.add(code);
        codes.add(code);
        for (int stop : ids.stopCodes()) {
            if (code == stop) {
                finished = true;
            }
        }
        if (codes.size() >= ids.maxNewCodes()) {
            finished = true;
        }
        return finished ? -1 : code;
    }

    private void prefill() throws OrtException {
        int p = contextRows.length / width;
        float[] rows = java.util.Arrays.copyOf(contextRows, (p + 2) * width);
        float[] spk = encoders.embedTokens(new long[] {speakerBos}, runOptions);
        float[] codec = encoders.embedCodecs(new long[] {ids.codecPad(), ids.codecBos()}, runOptions);
        System.arraycopy(spk, 0, rows, p * width, width);
        add(rows, codec, p * width, 0, width);
        System.arraycopy(queue.poll(), 0, rows, (p + 1) * width, width);
        add(rows, codec, (p + 1) * width, width, width);
        long[][] pos = new long[3][p + 2];
        for (int r = 0; r < 3; r++) {
            System.arraycopy(contextPositions[r], 0, pos[r], 0, p);
            pos[r][p] = position;
            pos[r][p + 1] = position + 1;
        }
        position += 2;
        contextRows = null;
        contextPositions = null;
        logits = decoder.run(rows, pos, cache, false, runOptions).logits();
    }

    private static void add(float[] target, float[] source, int targetOffset) {
        add(target, source, targetOffset, 0, source.length);
    }

    private static void add(float[] target, float[] source, int targetOffset, int sourceOffset, int n) {
        for (int i = 0; i < n; i++) {
            target[targetOffset + i] += source[sourceOffset + i];
        }
    }

    /**
     * Codes for Token2Wav: everything generated except the last code (the stop code, or the last
     * one when the limit was reached — transformers slices the same way); codes ≥ numCodes → 0.
     */
    public int[] speechCodes(int numCodes) {
        int n = finished ? codes.size() - 1 : codes.size();
        int[] out = new int[Math.max(n, 0)];
        for (int i = 0; i < out.length; i++) {
            int c = codes.get(i);
            out[i] = c >= numCodes ? 0 : c;
        }
        return out;
    }

    /** All codes picked so far, the stop code included. */
    public List<Integer> codes() {
        return List.copyOf(codes);
    }

    @Override
    public void close() {
        cache.close();
    }
}
