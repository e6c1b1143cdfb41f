#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""numpy baseline for `omnidesk bench mel`: the Qwen2.5-Omni log-mel of a 16 kHz float32 clip.

Same features as org.omnidesk.capture.dsp.LogMel (QWEN25_OMNI.md 2.1): 128 Slaney mels, periodic
Hann 400, hop 160, reflect padding at the start, zero padding to 300 s at the end, log10 floored
at 1e-10, clamp at max - 8, (x + 4) / 4, ceil(n / 160) frames. Like the Java code it computes only
the frames that touch real samples. Prints the median milliseconds per clip.

usage: mel_numpy.py CLIP.f32 [--repeat N] [--warmup N] [--out FEATURES.npy]
"""
import argparse
import time

import numpy as np

SR, N_FFT, HOP, PAD, MELS = 16000, 400, 160, 200, 128
CAP, MAX_FRAMES = 4_800_000, 30_000


def hz_to_mel(f):
    f = np.asarray(f, dtype=np.float64)
    return np.where(f < 1000.0, 3.0 * f / 200.0, 15.0 + np.log(np.maximum(f, 1e-9) / 1000.0) * 27.0 / np.log(6.4))


def mel_to_hz(m):
    m = np.asarray(m, dtype=np.float64)
    return np.where(m < 15.0, 200.0 * m / 3.0, 1000.0 * np.exp((m - 15.0) * np.log(6.4) / 27.0))


def mel_filters():
    """[128, 201] Slaney-normalised triangles, computed in float64, used in float32."""
    edges = mel_to_hz(np.linspace(hz_to_mel(0.0), hz_to_mel(8000.0), MELS + 2))
    freqs = np.linspace(0, SR // 2, N_FFT // 2 + 1)
    slopes = edges[None, :] - freqs[:, None]
    down = -slopes[:, :-2] / np.diff(edges)[:-1]
    up = slopes[:, 2:] / np.diff(edges)[1:]
    weights = np.maximum(0.0, np.minimum(down, up)) * (2.0 / (edges[2:] - edges[:-2]))
    return weights.T.astype(np.float32)


def log_mel(x, filters, window):
    n = min(len(x), CAP)
    valid = -(-n // HOP)
    last = min((n - 1 + PAD) // HOP, MAX_FRAMES - 1)
    need = last * HOP + N_FFT                       # padded samples the computed frames read
    m = max(min(need - PAD, CAP), PAD + 1)           # samples of the 300 s signal they read
    s = np.zeros(m, dtype=np.float32)
    s[:min(n, m)] = x[:min(n, m)]
    padded = np.concatenate([s[1:PAD + 1][::-1], s])
    if need > len(padded):                           # the last frame of a 300 s clip reads the end reflection
        k = need - len(padded)
        padded = np.concatenate([padded, s[CAP - 2 - np.arange(k)]])
    frames = np.lib.stride_tricks.sliding_window_view(padded[:need], N_FFT)[::HOP]
    spec = np.fft.rfft(frames * window, axis=1)
    power = (spec.real ** 2 + spec.imag ** 2).astype(np.float32)
    log = np.log10(np.maximum(power @ filters.T, 1e-10))
    log = np.maximum(log, log.max() - 8.0)
    return np.ascontiguousarray(((log[:valid] + 4.0) / 4.0).T, dtype=np.float32)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("clip")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--out")
    args = ap.parse_args()
    x = np.fromfile(args.clip, dtype="<f4")
    filters = mel_filters()
    window = (0.5 - 0.5 * np.cos(2 * np.pi * np.arange(N_FFT) / N_FFT)).astype(np.float32)
    for _ in range(args.warmup):
        log_mel(x, filters, window)
    times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        features = log_mel(x, filters, window)
        times.append((time.perf_counter() - t0) * 1000.0)
    if args.out:
        np.save(args.out, features)
    print("ms_per_clip %.4f" % float(np.median(times)))
    print("numpy %s" % np.__version__)


if __name__ == "__main__":
    main()
