# SPDX-License-Identifier: Apache-2.0
"""Model inputs computed in numpy as the reference processors do (QWEN25_OMNI.md §2.1, §3.2): the
Qwen2.5-Omni log-mel of a 16 kHz waveform and the patchified, CLIP-normalised pixel_values."""
import numpy as np

SAMPLE_RATE, N_FFT, HOP, MEL_BINS = 16000, 400, 160, 128
MEAN = np.array([0.48145466, 0.4578275, 0.40821073], dtype=np.float32)
STD = np.array([0.26862954, 0.26130258, 0.27577711], dtype=np.float32)
PATCH, TEMPORAL_PATCH, MERGE = 14, 2, 2


def slaney_mel_filters(n_freqs=N_FFT // 2 + 1, n_mels=MEL_BINS, f_max=8000.0):
    """[n_mels, n_freqs] triangular filters on the Slaney mel scale with Slaney area normalisation."""
    def hz_to_mel(f):
        f = np.asarray(f, dtype=np.float64)
        return np.where(f < 1000.0, 3.0 * f / 200.0, 15.0 + 27.0 * np.log(np.maximum(f, 1e-10) / 1000.0) / np.log(6.4))

    def mel_to_hz(m):
        return np.where(m < 15.0, 200.0 * m / 3.0, 1000.0 * np.exp(np.log(6.4) * (m - 15.0) / 27.0))

    fft_freqs = np.linspace(0, SAMPLE_RATE // 2, n_freqs)
    edges = mel_to_hz(np.linspace(hz_to_mel(0.0), hz_to_mel(f_max), n_mels + 2))
    diff = np.diff(edges)
    slopes = edges[None, :] - fft_freqs[:, None]
    down = -slopes[:, :-2] / diff[:-1]
    up = slopes[:, 2:] / diff[1:]
    filters = np.maximum(0.0, np.minimum(down, up))
    filters *= 2.0 / (edges[2:n_mels + 2] - edges[:n_mels])
    return filters.T


def log_mel(samples):
    """float32 mono 16 kHz [L_s] -> [128, ceil(L_s/160)] as WhisperFeatureExtractor with Omni's config
    (zero padding to 300 s, reflect padding only at the start, max - 8 floor over the whole clip)."""
    samples = np.asarray(samples, dtype=np.float64)
    valid = -(-len(samples) // HOP)
    # frames whose 400-sample window touches a real sample; later frames are all zeros (log = -10)
    frames = max(valid, (len(samples) - 1 + N_FFT // 2) // HOP + 1)
    padded = np.zeros(N_FFT // 2 + frames * HOP + N_FFT)
    padded[:N_FFT // 2] = samples[1:N_FFT // 2 + 1][::-1]
    padded[N_FFT // 2:N_FFT // 2 + len(samples)] = samples
    window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(N_FFT) / N_FFT)  # periodic Hann
    idx = np.arange(frames)[:, None] * HOP + np.arange(N_FFT)[None, :]
    power = np.abs(np.fft.rfft(padded[idx] * window, axis=1)) ** 2  # [frames, 201]
    mel = slaney_mel_filters() @ power.T
    log_spec = np.log10(np.maximum(mel, 1e-10))
    log_spec = np.maximum(log_spec, log_spec.max() - 8.0)
    return ((log_spec[:, :valid] + 4.0) / 4.0).astype(np.float32)


def pixel_values(frames):
    """uint8 frames [F, H, W, 3] (F even; an image is given as two identical frames), H and W multiples
    of 28 -> (pixel_values [t·h·w, 1176], grid_thw [t, h, w]) in the Qwen2-VL processor's row order."""
    x = (frames.astype(np.float32) * np.float32(1 / 255) - MEAN) / STD
    x = x.transpose(0, 3, 1, 2)  # [F, C, H, W]
    f, c, height, width = x.shape
    t, h, w = f // TEMPORAL_PATCH, height // PATCH, width // PATCH
    x = x.reshape(t, TEMPORAL_PATCH, c, h // MERGE, MERGE, PATCH, w // MERGE, MERGE, PATCH)
    x = x.transpose(0, 3, 6, 4, 7, 2, 1, 5, 8)
    return np.ascontiguousarray(x.reshape(t * h * w, c * TEMPORAL_PATCH * PATCH * PATCH)), [t, h, w]
