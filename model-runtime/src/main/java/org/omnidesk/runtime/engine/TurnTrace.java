// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.engine;

/**
 * What one turn computed, for {@code omnidesk ask --dump} and tests: the prompt ids and 3-D
 * positions pre-filled this turn (of which {@code prefilledWhileRecording} ids went in before the
 * turn was committed: a live turn's block-wise prefill), the Thinker's picked tokens (stop token
 * included), the Talker's codes handed to Token2Wav, the emitted mel [frames, 80] and the waveform (24 kHz).
 */
public record TurnTrace(long[] inputIds, long[][] positionIds, long ropeDelta, int prefilledWhileRecording,
                        int[] thinkerTokens, int[] talkerCodes, float[] mel, int melDim, float[] waveform) {}
