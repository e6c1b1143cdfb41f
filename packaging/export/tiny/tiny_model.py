# SPDX-License-Identifier: Apache-2.0
"""The tiny reference Qwen2.5-Omni: parameter containers laid out like transformers 4.52's submodules
(same attribute names), tiny widths, real vocabularies, token ids, rates and window sizes.

Forward passes live in ../omni_graphs.py and are shared with the real exporter. Weights are random
from a fixed seed, scaled so that every parameter changes the outputs.
"""
import math

import numpy as np
import torch
from torch import nn

THINKER = dict(hidden=32, layers=2, heads=4, kv_heads=2, head_dim=16, intermediate=64, vocab=152064,
               rope_theta=1000000.0, mrope_section=[2, 3, 3], max_positions=32768, eps=1e-6)
TALKER = dict(embedding=32, hidden=24, layers=2, heads=4, kv_heads=2, head_dim=16, intermediate=48,
              vocab=8448, rope_theta=1000000.0, mrope_section=[2, 3, 3], eps=1e-6)
AUDIO = dict(d_model=32, layers=2, heads=4, ffn=64, n_window=100, max_source_positions=1500, mel_bins=128)
VISION = dict(hidden=32, depth=4, heads=2, intermediate=64, patch=14, temporal_patch=2, merge=2, window=112,
              fullatt=[1, 3])
DIT = dict(hidden=32, layers=4, heads=2, ff_mult=2, emb_dim=16, mel_dim=80, enc_dim=16, enc_emb_dim=24,
           block_size=24, look_ahead_layers=[2], look_backward_layers=[0, 3], num_embeds=8193, repeats=2,
           freq_dim=256, enc_channels=[32, 32, 32, 32, 96], enc_kernels=[5, 3, 3, 3, 1],
           enc_dilations=[1, 2, 3, 4, 1], enc_attention=16, enc_res2net_scale=2, enc_se=16)
BIGVGAN = dict(mel_dim=80, initial_channels=64, rates=[5, 3, 2, 2, 2, 2], kernels=[11, 7, 4, 4, 4, 4],
               resblock_kernels=[3, 7, 11], resblock_dilations=[1, 3, 5])


def module(**children):
    """A plain container with the given children (attribute names as in transformers)."""
    m = nn.Module()
    for name, child in children.items():
        setattr(m, name, child)
    return m


class RMSNorm(nn.Module):
    def __init__(self, dim, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))
        self.variance_epsilon = eps


def mlp(dim, inner, bias):
    return module(gate_proj=nn.Linear(dim, inner, bias=bias), up_proj=nn.Linear(dim, inner, bias=bias),
                  down_proj=nn.Linear(inner, dim, bias=bias))


def decoder_model(cfg, vocab, embed_dim):
    """Qwen2 decoder stack: embed_tokens, layers (GQA attention with q/k/v bias), final norm."""
    q_dim, kv_dim = cfg["heads"] * cfg["head_dim"], cfg["kv_heads"] * cfg["head_dim"]
    hidden = cfg["hidden"]
    layers = nn.ModuleList(
        module(self_attn=module(q_proj=nn.Linear(hidden, q_dim), k_proj=nn.Linear(hidden, kv_dim),
                                v_proj=nn.Linear(hidden, kv_dim), o_proj=nn.Linear(q_dim, hidden, bias=False)),
               input_layernorm=RMSNorm(hidden, cfg["eps"]), post_attention_layernorm=RMSNorm(hidden, cfg["eps"]),
               mlp=mlp(hidden, cfg["intermediate"], False))
        for _ in range(cfg["layers"]))
    return module(embed_tokens=nn.Embedding(vocab, embed_dim), layers=layers, norm=RMSNorm(hidden, cfg["eps"]))


def sinusoids(length, channels):
    """Whisper positions: first half sin, second half cos, timescales up to 10000."""
    increment = np.log(10000) / (channels // 2 - 1)
    inv = torch.exp(-increment * torch.arange(channels // 2)).float()
    scaled = torch.arange(length)[:, None] * inv[None, :]
    return torch.cat([torch.sin(scaled), torch.cos(scaled)], dim=1)


def audio_tower(cfg, output_dim):
    d = cfg["d_model"]

    def attn():
        a = module(q_proj=nn.Linear(d, d), k_proj=nn.Linear(d, d, bias=False), v_proj=nn.Linear(d, d),
                   out_proj=nn.Linear(d, d))
        a.num_heads = cfg["heads"]
        return a

    pos = nn.Module()
    pos.register_buffer("positional_embedding", sinusoids(cfg["max_source_positions"], d), persistent=False)
    return module(conv1=nn.Conv1d(cfg["mel_bins"], d, 3, padding=1), conv2=nn.Conv1d(d, d, 3, stride=2, padding=1),
                  positional_embedding=pos,
                  layers=nn.ModuleList(module(self_attn=attn(), self_attn_layer_norm=nn.LayerNorm(d),
                                              fc1=nn.Linear(d, cfg["ffn"]), fc2=nn.Linear(cfg["ffn"], d),
                                              final_layer_norm=nn.LayerNorm(d)) for _ in range(cfg["layers"])),
                  ln_post=nn.LayerNorm(d), proj=nn.Linear(d, output_dim))


def vision_tower(cfg, output_dim):
    d, unit = cfg["hidden"], cfg["merge"] ** 2
    kernel = (cfg["temporal_patch"], cfg["patch"], cfg["patch"])
    blocks = nn.ModuleList(
        module(norm1=RMSNorm(d, 1e-6), norm2=RMSNorm(d, 1e-6),
               attn=module(q=nn.Linear(d, d), k=nn.Linear(d, d), v=nn.Linear(d, d), proj=nn.Linear(d, d)),
               mlp=mlp(d, cfg["intermediate"], True))
        for _ in range(cfg["depth"]))
    merger = module(ln_q=RMSNorm(d, 1e-6), mlp=nn.Sequential(nn.Linear(d * unit, d * unit), nn.GELU(),
                                                              nn.Linear(d * unit, output_dim)))
    return module(patch_embed=module(proj=nn.Conv3d(3, d, kernel, stride=kernel, bias=False)), blocks=blocks,
                  merger=merger)


def tdnn(cin, cout, kernel, dilation):
    return module(conv=nn.Conv1d(cin, cout, kernel, dilation=dilation, padding="same", padding_mode="reflect"))


def ecapa(cfg):
    ch, ks, dil = cfg["enc_channels"], cfg["enc_kernels"], cfg["enc_dilations"]
    scale, se = cfg["enc_res2net_scale"], cfg["enc_se"]
    blocks = nn.ModuleList([tdnn(cfg["mel_dim"], ch[0], ks[0], dil[0])])
    for i in range(1, len(ch) - 1):
        part = ch[i] // scale
        blocks.append(module(
            tdnn1=tdnn(ch[i - 1], ch[i], 1, 1),
            res2net_block=module(blocks=nn.ModuleList(tdnn(part, part, ks[i], dil[i]) for _ in range(scale - 1))),
            tdnn2=tdnn(ch[i], ch[i], 1, 1),
            se_block=module(conv1=tdnn(ch[i], se, 1, 1).conv, conv2=tdnn(se, ch[i], 1, 1).conv)))
    return module(blocks=blocks, mfa=tdnn(ch[-1], ch[-1], ks[-1], dil[-1]),
                  asp=module(tdnn=tdnn(ch[-1] * 3, cfg["enc_attention"], 1, 1),
                             conv=tdnn(cfg["enc_attention"], ch[-1], 1, 1).conv),
                  fc=tdnn(ch[-1] * 2, cfg["enc_dim"], 1, 1).conv)


def dit(cfg):
    h = cfg["hidden"]
    text_embed = module(codec_embed=nn.Embedding(cfg["num_embeds"] + 1, cfg["emb_dim"]))
    text_embed.repeats = cfg["repeats"]
    layers = nn.ModuleList(
        module(attn_norm=module(linear=nn.Linear(h, 6 * h)),
               attn=module(to_q=nn.Linear(h, h), to_k=nn.Linear(h, h), to_v=nn.Linear(h, h),
                           to_out=nn.ModuleList([nn.Linear(h, h)])),
               ff=module(ff=nn.ModuleList([nn.Linear(h, h * cfg["ff_mult"]), nn.GELU(approximate="tanh"),
                                           nn.Identity(), nn.Linear(h * cfg["ff_mult"], h)])))
        for _ in range(cfg["layers"]))
    in_dim = cfg["mel_dim"] + cfg["enc_dim"] + cfg["emb_dim"] + cfg["enc_emb_dim"]
    return module(time_embed=module(time_mlp=nn.ModuleList([nn.Linear(cfg["freq_dim"], h), nn.SiLU(),
                                                             nn.Linear(h, h)])),
                  text_embed=text_embed,
                  input_embed=module(proj=nn.Linear(in_dim, h), spk_encoder=ecapa(cfg)),
                  transformer_blocks=layers, norm_out=module(linear=nn.Linear(h, 2 * h)),
                  proj_out=nn.Linear(h, cfg["mel_dim"]))


def kaiser_sinc(cutoff, half_width, kernel_size):
    """BigVGAN's anti-aliasing filter [1,1,K]: Kaiser-windowed sinc normalised to sum 1 (K even)."""
    half = kernel_size // 2
    attenuation = 2.285 * (half - 1) * math.pi * 4 * half_width + 7.95
    beta = 0.1102 * (attenuation - 8.7) if attenuation > 50.0 else \
        0.5842 * (attenuation - 21) ** 0.4 + 0.07886 * (attenuation - 21.0)
    window = torch.kaiser_window(kernel_size, beta=beta, periodic=False, dtype=torch.float32)
    taps = torch.arange(-half, half) + 0.5
    filt = 2 * cutoff * window * torch.sinc(2 * cutoff * taps)
    return (filt / filt.sum()).view(1, 1, kernel_size)


def snake_activation(channels, ratio=2, kernel=12):
    """TorchActivation1d(SnakeBeta): the up/down sampler geometry of transformers' BigVGAN."""
    up = nn.Module()
    up.ratio, up.stride = ratio, ratio
    up.pad = kernel // ratio - 1
    up.pad_left = up.pad * ratio + (kernel - ratio) // 2
    up.pad_right = up.pad * ratio + (kernel - ratio + 1) // 2
    up.register_buffer("filter", kaiser_sinc(0.5 / ratio, 0.6 / ratio, kernel), persistent=False)
    down = nn.Module()
    down.stride = ratio
    down.pad_left, down.pad_right = kernel // 2 - 1, kernel // 2
    down.register_buffer("filter", kaiser_sinc(0.5 / ratio, 0.6 / ratio, kernel), persistent=False)
    act = module(alpha=nn.Parameter(torch.zeros(channels)), beta=nn.Parameter(torch.zeros(channels)))
    return module(act=act, upsample=up, downsample=down)


def bigvgan(cfg):
    c0 = cfg["initial_channels"]
    ups, resblocks = nn.ModuleList(), nn.ModuleList()
    for i, (rate, kernel) in enumerate(zip(cfg["rates"], cfg["kernels"])):
        cin, cout = c0 // 2 ** i, c0 // 2 ** (i + 1)
        ups.append(nn.ModuleList([nn.ConvTranspose1d(cin, cout, kernel, rate, padding=(kernel - rate) // 2)]))
        for k in cfg["resblock_kernels"]:
            dil = cfg["resblock_dilations"]
            resblocks.append(module(
                convs1=nn.ModuleList(nn.Conv1d(cout, cout, k, 1, dilation=d, padding=(k * d - d) // 2) for d in dil),
                convs2=nn.ModuleList(nn.Conv1d(cout, cout, k, 1, padding=(k - 1) // 2) for _ in dil),
                activations=nn.ModuleList(snake_activation(cout) for _ in range(2 * len(dil)))))
    last = c0 // 2 ** len(cfg["rates"])
    return module(conv_pre=nn.Conv1d(cfg["mel_dim"], c0, 7, 1, padding=3), ups=ups, resblocks=resblocks,
                  activation_post=snake_activation(last), conv_post=nn.Conv1d(last, 1, 7, 1, padding=3, bias=False))


class TinyOmni(nn.Module):
    """thinker (audio_tower, visual, model, tied lm head), talker, token2wav (dit, bigvgan)."""

    def __init__(self):
        super().__init__()
        d = THINKER["hidden"]
        self.thinker = module(audio_tower=audio_tower(AUDIO, d), visual=vision_tower(VISION, d),
                              model=decoder_model(THINKER, THINKER["vocab"], d))
        self.talker = module(thinker_to_talker_proj=nn.Linear(TALKER["embedding"], TALKER["hidden"]),
                             model=decoder_model(TALKER, TALKER["vocab"], TALKER["embedding"]),
                             codec_head=nn.Linear(TALKER["hidden"], TALKER["vocab"], bias=False))
        self.token2wav = module(code2wav_dit_model=dit(DIT), code2wav_bigvgan_model=bigvgan(BIGVGAN))

    @property
    def lm_head_weight(self):
        return self.thinker.model.embed_tokens.weight


GAINS = {"o_proj": 3.0, "down_proj": 3.0, "codec_head": 48.0, "conv_post": 0.3}  # by module name


def randomise(model, seed):
    """Seeded init in parameter order: every tensor random and non-degenerate.

    Matrices get std gain/sqrt(fan_in); biases and norm/snake offsets are small but non-zero;
    embeddings are N(0,1). Three gains keep greedy decoding informative: the decoders' residual
    branches (o_proj, down_proj) x3 so a layer's output is not just its input; the Thinker's final
    norm weight N(0, 6²) with random signs, so the tied head does not echo the input token; the
    codec head x48, so greedy codes win by clear margins. The vocoder's last conv x0.3 keeps the
    waveform inside the clamp.
    """
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            noise = torch.randn(p.shape, generator=gen)
            if name.endswith("embed_tokens.weight") or name.endswith("codec_embed.weight"):
                p.copy_(noise)
            elif name == "thinker.model.norm.weight":
                p.copy_(6.0 * noise)
            elif "norm" in name and name.endswith("weight") and p.dim() == 1:
                p.copy_(1.0 + 0.2 * noise)
            elif name.endswith(".alpha") or name.endswith(".beta"):
                p.copy_(0.3 * noise)
            elif p.dim() == 1:
                p.copy_(0.1 * noise)
            else:
                fan_in = p[0].numel() if not isinstance(_owner(model, name), nn.ConvTranspose1d) else \
                    p.shape[0] * p.shape[2]
                gain = GAINS.get(name.rsplit(".", 2)[-2], 1.0)
                p.copy_(gain * noise / math.sqrt(fan_in))
    return model


def _owner(model, param_name):
    return model.get_submodule(param_name.rsplit(".", 1)[0])
