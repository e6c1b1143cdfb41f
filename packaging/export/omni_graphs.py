# SPDX-License-Identifier: Apache-2.0
"""The ten OmniDesk graphs (MODEL_PACKAGE.md) as torch modules, written with tensor ops only.

Each wrapper takes a source module laid out like the transformers 4.52 Qwen2.5-Omni submodule it
stands for (same attribute names: `audio_tower`, `visual`, `model.layers[i].self_attn.q_proj`, ...),
so the tiny reference model and the real checkpoint share one forward. Where transformers loops in
Python over lengths or windows (audio chunks, vision windows, cu_seqlens), the wrapper builds the
same index math and block masks from tensor shapes, so a trace stays valid for every length.
Only torch >= 1.13 features are used (no scaled_dot_product_attention).
"""
import math

import torch
import torch.nn.functional as F
from torch import nn

NEG = torch.finfo(torch.float32).min  # additive mask value, as transformers uses (no NaN on empty rows)


def rms_norm(x, weight, eps):
    """Qwen2RMSNorm: normalise in float32, scale by the weight."""
    x32 = x.float()
    x32 = x32 * torch.rsqrt(x32.pow(2).mean(-1, keepdim=True) + eps)
    return weight * x32.to(x.dtype)


def norm_eps(norm):
    return getattr(norm, "variance_epsilon", getattr(norm, "eps", 1e-6))


def attend(q, k, v, allowed, scale):
    """q [.., H, S, d], k/v [.., H, K, d], allowed bool broadcastable to [.., H, S, K] -> [.., H, S, d]."""
    scores = torch.matmul(q, k.transpose(-1, -2)) * scale
    scores = torch.where(allowed, scores, torch.full_like(scores, NEG))
    return torch.matmul(torch.softmax(scores.float(), dim=-1).to(q.dtype), v)


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def rotate_pairs(x):
    """Interleaved rotation (x0, x1) -> (-x1, x0) on adjacent pairs (DiT head-0 RoPE)."""
    pairs = x.reshape(x.shape[:-1] + (-1, 2))
    return torch.stack((-pairs[..., 1], pairs[..., 0]), dim=-1).reshape(x.shape)


# ------------------------------------------------------------------------------------------------
# Thinker / Talker decoders


class DecoderGraph(nn.Module):
    """Qwen2 decoder with 3-D mRoPE and a KV cache; one class for the Thinker and the Talker.

    inputs_embeds [B,S,E]; attention_mask [B,P+S] int64; position_ids [3,B,S]; past k/v [B,kv,P,hd]
    -> logits [B,1,V] (last position), optionally hidden_states [B,S,hidden] (after the final norm),
    present k/v [B,kv,P+S,hd]. `in_proj` (Talker's thinker_to_talker_proj) maps E -> hidden first.
    """

    def __init__(self, model, head_weight, *, num_heads, num_kv_heads, head_dim, rope_theta,
                 mrope_section, in_proj=None, return_hidden=True):
        super().__init__()
        self.layers = model.layers
        self.norm = model.norm
        self.head_weight = head_weight  # [V, hidden]; tied to the embedding table for the tiny Thinker
        self.in_proj = in_proj
        self.num_heads, self.num_kv_heads, self.head_dim = num_heads, num_kv_heads, head_dim
        self.mrope_section = list(mrope_section)
        self.return_hidden = return_hidden
        inv_freq = 1.0 / (rope_theta ** (torch.arange(0, head_dim, 2, dtype=torch.int64).float() / head_dim))
        self.register_buffer("inv_freq", inv_freq, persistent=False)

    def rope(self, position_ids):
        """position_ids [3,B,S] -> cos, sin [B,1,S,hd]: frequency j takes row T, H or W by mrope_section."""
        freqs = position_ids[..., None].float() * self.inv_freq  # [3,B,S,hd/2]
        parts, start = [], 0
        for row, width in enumerate(self.mrope_section):
            parts.append(freqs[row, ..., start:start + width])
            start += width
        freqs = torch.cat(parts, dim=-1)
        emb = torch.cat((freqs, freqs), dim=-1)[:, None]
        return emb.cos(), emb.sin()  # float32; cast to the activations' dtype by the caller

    def forward(self, inputs_embeds, attention_mask, position_ids, *past):
        x = inputs_embeds if self.in_proj is None else self.in_proj(inputs_embeds)
        bsz, seq = x.shape[0], x.shape[1]
        past_len = past[0].shape[2]
        cos, sin = (c.to(x.dtype) for c in self.rope(position_ids))
        # causal over absolute positions + key padding: query i sits at past_len + i
        key_pos = torch.arange(past_len + seq, device=x.device)
        query_pos = torch.arange(seq, device=x.device) + past_len
        allowed = (key_pos[None, :] <= query_pos[:, None])[None, None] & (attention_mask[:, None, None, :] == 1)
        rep = self.num_heads // self.num_kv_heads
        presents = []
        for i, layer in enumerate(self.layers):
            attn = layer.self_attn
            h = rms_norm(x, layer.input_layernorm.weight, norm_eps(layer.input_layernorm))
            q = attn.q_proj(h).view(bsz, seq, self.num_heads, self.head_dim).transpose(1, 2)
            k = attn.k_proj(h).view(bsz, seq, self.num_kv_heads, self.head_dim).transpose(1, 2)
            v = attn.v_proj(h).view(bsz, seq, self.num_kv_heads, self.head_dim).transpose(1, 2)
            q = q * cos + rotate_half(q) * sin
            k = k * cos + rotate_half(k) * sin
            k = torch.cat((past[2 * i], k), dim=2)
            v = torch.cat((past[2 * i + 1], v), dim=2)
            presents += [k, v]
            kr = k[:, :, None].expand(-1, -1, rep, -1, -1).reshape(bsz, self.num_heads, -1, self.head_dim)
            vr = v[:, :, None].expand(-1, -1, rep, -1, -1).reshape(bsz, self.num_heads, -1, self.head_dim)
            o = attend(q, kr, vr, allowed, self.head_dim ** -0.5)
            x = x + attn.o_proj(o.transpose(1, 2).reshape(bsz, seq, self.num_heads * self.head_dim))
            h = rms_norm(x, layer.post_attention_layernorm.weight, norm_eps(layer.post_attention_layernorm))
            x = x + layer.mlp.down_proj(F.silu(layer.mlp.gate_proj(h)) * layer.mlp.up_proj(h))
        hidden = rms_norm(x, self.norm.weight, norm_eps(self.norm))
        logits = F.linear(hidden[:, -1], self.head_weight).float()[:, None]  # [B,1,V]
        outputs = (logits, hidden) if self.return_hidden else (logits,)
        return outputs + tuple(presents)


class EmbedGraph(nn.Module):
    """ids [B,S] -> rows of one table [B,S,D] (thinker_embed, talker_embed)."""

    def __init__(self, embedding):
        super().__init__()
        self.embedding = embedding

    def forward(self, ids):
        return self.embedding(ids)


# ------------------------------------------------------------------------------------------------
# Audio encoder


class AudioEncoderGraph(nn.Module):
    """input_features [128,N] (valid frames of ONE audio) -> audio_embeds [n,D], n = ((N-1)//2+1)//2.

    The N frames are cut into 2·n_window-frame chunks as a batch (last chunk zero-padded and masked);
    each chunk gets positions 0.. and attends only to its own valid frames, as transformers' cu_seqlens.
    """

    def __init__(self, audio_tower, n_window):
        super().__init__()
        self.tower = audio_tower
        self.chunk = 2 * n_window
        self.num_heads = audio_tower.layers[0].self_attn.num_heads
        table = audio_tower.positional_embedding.positional_embedding[:n_window]  # [n_window, d]
        self.register_buffer("positions", table.clone(), persistent=False)

    def forward(self, input_features):
        t = self.tower
        frames = input_features.shape[1]
        chunks = (frames + self.chunk - 1) // self.chunk
        x = F.pad(input_features, (0, chunks * self.chunk - frames))
        x = x.reshape(x.shape[0], chunks, self.chunk).transpose(0, 1)  # [C,128,200]
        frame_idx = torch.arange(chunks * self.chunk, device=x.device).reshape(chunks, 1, self.chunk)
        x = F.gelu(t.conv1(x)) * (frame_idx < frames).to(x.dtype)
        x = F.gelu(t.conv2(x)).transpose(1, 2) + self.positions  # [C,100,d]
        # after the stride-2 conv, frame j of chunk c is valid iff c*100 + j < (N-1)//2 + 1
        valid = (frames - 1) // 2 + 1
        out_idx = torch.arange(chunks * (self.chunk // 2), device=x.device).reshape(chunks, 1, 1, -1)
        allowed = out_idx < valid  # [C,1,1,100] keys
        c, s, d = x.shape
        hd = d // self.num_heads
        for layer in t.layers:
            a = layer.self_attn
            h = layer.self_attn_layer_norm(x)
            q = a.q_proj(h).view(c, s, self.num_heads, hd).transpose(1, 2)
            k = a.k_proj(h).view(c, s, self.num_heads, hd).transpose(1, 2)
            v = a.v_proj(h).view(c, s, self.num_heads, hd).transpose(1, 2)
            o = attend(q, k, v, allowed, 1.0 / math.sqrt(hd))
            x = x + a.out_proj(o.transpose(1, 2).reshape(c, s, d))
            x = x + layer.fc2(F.gelu(layer.fc1(layer.final_layer_norm(x))))
        x = x.reshape(c * s, d)[:valid]
        pooled = valid // 2  # AvgPool1d(2, 2) drops an odd last frame
        x = x[: 2 * pooled].reshape(pooled, 2, d).mean(dim=1)
        return t.proj(t.ln_post(x))


# ------------------------------------------------------------------------------------------------
# Vision encoder


class VisionEncoderGraph(nn.Module):
    """pixel_values [t·h·w, 1176], grid_thw [1,3] (ONE image or video) -> vision_embeds [t·h·w/4, D].

    Rows arrive in the processor's order (t, h/2, w/2, 2, 2). Window order, window masks, per-frame
    masks for the full-attention blocks and the 2-D RoPE are all derived from grid_thw inside.
    """

    def __init__(self, visual, *, window_size, patch_size, spatial_merge_size, fullatt_block_indexes,
                 num_heads):
        super().__init__()
        self.visual = visual
        self.merge = spatial_merge_size
        self.window = window_size // spatial_merge_size // patch_size  # merged tokens per window side
        self.full = set(fullatt_block_indexes)
        self.num_heads = num_heads
        dim = visual.patch_embed.proj.weight.shape[0]
        head_dim = dim // num_heads
        rot = head_dim // 2
        inv_freq = 1.0 / (10000.0 ** (torch.arange(0, rot, 2, dtype=torch.float) / rot))
        self.register_buffer("inv_freq", inv_freq, persistent=False)

    def merged_layout(self, index, hm, wm):
        """merged-token index -> (frame, row, col, window id) for a merged grid hm x wm."""
        per_frame = hm * wm
        frame, rest = index // per_frame, index % per_frame
        row, col = rest // wm, rest % wm
        # transformers pads each side to a multiple of the window (a full extra window when divisible)
        win_h, win_w = hm // self.window + 1, wm // self.window + 1
        win = frame * (win_h * win_w) + (row // self.window) * win_w + col // self.window
        return frame, row, col, win

    def forward(self, pixel_values, grid_thw):
        v = self.visual
        unit = self.merge * self.merge
        seq = pixel_values.shape[0]
        tokens = seq // unit
        hm, wm = grid_thw[0, 1] // self.merge, grid_thw[0, 2] // self.merge
        weight = v.patch_embed.proj.weight  # Conv3d kernel == stride: a linear map of the 1176 values
        x = F.linear(pixel_values, weight.reshape(weight.shape[0], -1))
        merged = torch.arange(tokens, device=x.device)
        frame, _, _, win = self.merged_layout(merged, hm, wm)
        window_index = torch.argsort(win * tokens + merged)  # windows in order, raster order inside
        # patch rows in window order, and each patch's (h, w) position for the RoPE
        patch = (window_index[:, None] * unit + torch.arange(unit, device=x.device)).reshape(-1)
        _, row, col, _ = self.merged_layout(patch // unit, hm, wm)
        sub = patch % unit
        hpos = row * self.merge + sub // self.merge
        wpos = col * self.merge + sub % self.merge
        x = x[patch]
        freqs = torch.cat((hpos[:, None].float() * self.inv_freq, wpos[:, None].float() * self.inv_freq), -1)
        emb = torch.cat((freqs, freqs), -1)[None]  # [1,S,hd]
        cos, sin = emb.cos().to(x.dtype), emb.sin().to(x.dtype)
        win_p = win[window_index][:, None].expand(-1, unit).reshape(-1)
        frame_p = frame[window_index][:, None].expand(-1, unit).reshape(-1)
        window_mask = (win_p[:, None] == win_p[None, :])[None]
        frame_mask = (frame_p[:, None] == frame_p[None, :])[None]
        d = x.shape[-1]
        hd = d // self.num_heads
        for i, blk in enumerate(v.blocks):
            a = blk.attn
            h = rms_norm(x, blk.norm1.weight, norm_eps(blk.norm1))
            q = a.q(h).view(-1, self.num_heads, hd).transpose(0, 1)
            k = a.k(h).view(-1, self.num_heads, hd).transpose(0, 1)
            val = a.v(h).view(-1, self.num_heads, hd).transpose(0, 1)
            q = q * cos + rotate_half(q) * sin
            k = k * cos + rotate_half(k) * sin
            o = attend(q, k, val, frame_mask if i in self.full else window_mask, hd ** -0.5)
            x = x + a.proj(o.transpose(0, 1).reshape(-1, d))
            h = rms_norm(x, blk.norm2.weight, norm_eps(blk.norm2))
            x = x + blk.mlp.down_proj(F.silu(blk.mlp.gate_proj(h)) * blk.mlp.up_proj(h))
        m = v.merger
        x = rms_norm(x, m.ln_q.weight, norm_eps(m.ln_q)).reshape(tokens, unit * d)
        x = m.mlp[2](F.gelu(m.mlp[0](x)))
        return x[torch.argsort(window_index)]


# ------------------------------------------------------------------------------------------------
# Token2Wav: ECAPA speaker encoder, DiT (condition + one velocity step), BigVGAN


class SpeakerEncoderGraph(nn.Module):
    """ref_mel [1,T,80] -> spk_cond [1,C] (ECAPA-TDNN; convs reflect-pad 'same', no batch norm)."""

    def __init__(self, ecapa):
        super().__init__()
        self.ecapa = ecapa

    @staticmethod
    def statistics(x, weights):
        mean = (weights * x).sum(2)
        std = torch.sqrt((weights * (x - mean[..., None]).pow(2)).sum(2).clamp(1e-12))
        return mean, std

    def forward(self, ref_mel):
        e = self.ecapa
        x = ref_mel.transpose(1, 2)
        outs = []
        for i, block in enumerate(e.blocks):
            if i == 0:
                x = torch.relu(block.conv(x))
            else:
                residual = x
                x = torch.relu(block.tdnn1.conv(x))
                parts = torch.chunk(x, len(block.res2net_block.blocks) + 1, dim=1)
                res, prev = [parts[0]], None
                for j, sub in enumerate(block.res2net_block.blocks):
                    prev = torch.relu(sub.conv(parts[j + 1] if prev is None else parts[j + 1] + prev))
                    res.append(prev)
                x = torch.relu(block.tdnn2.conv(torch.cat(res, dim=1)))
                se = block.se_block
                scale = torch.sigmoid(se.conv2(torch.relu(se.conv1(x.mean(dim=2, keepdim=True)))))
                x = x * scale + residual
            outs.append(x)
        x = torch.relu(e.mfa.conv(torch.cat(outs[1:], dim=1)))
        steps = x.shape[2]
        mean, std = self.statistics(x, torch.ones_like(x[:, :1]) / steps)
        att = torch.cat((x, mean[..., None].expand_as(x), std[..., None].expand_as(x)), dim=1)
        att = torch.softmax(e.asp.conv(torch.tanh(torch.relu(e.asp.tdnn.conv(att)))), dim=2)
        mean, std = self.statistics(x, att)
        return e.fc(torch.cat((mean, std), dim=1)[..., None])[..., 0]


class DitConditionGraph(nn.Module):
    """codes [1,N], spk_cond [2,C], spk_emb [2,E] -> cond_embeds [2,2N,H].

    The non-x columns of the DiT input projection (bias included) on [ECAPA, code_emb, spk]; row 1
    is the CFG-unconditional row: codes replaced by 0 here, its spk rows supplied by the caller.
    """

    def __init__(self, dit, mel_dim):
        super().__init__()
        self.codec_embed = dit.text_embed.codec_embed
        self.repeats = dit.text_embed.repeats
        proj = dit.input_embed.proj
        self.weight = nn.Parameter(proj.weight[:, mel_dim:].detach().clone(), requires_grad=False)
        self.bias = nn.Parameter(proj.bias.detach().clone(), requires_grad=False)

    def forward(self, codes, spk_cond, spk_emb):
        codes = torch.cat((codes, torch.zeros_like(codes)), dim=0)  # [2,N]
        emb = self.codec_embed(codes)
        n, width = emb.shape[1], emb.shape[2]
        emb = emb[:, :, None].expand(-1, -1, self.repeats, -1).reshape(2, n * self.repeats, width)
        frames = emb.shape[1]
        feats = torch.cat((spk_cond[:, None].expand(-1, frames, -1), emb,
                           spk_emb[:, None].expand(-1, frames, -1)), dim=-1)
        return F.linear(feats, self.weight, self.bias)


class DitStepGraph(nn.Module):
    """x [1,T,80], cond_embeds [2,T,H], t [1] -> velocity [2,T,80] (rows cond / uncond).

    Head-0 interleaved RoPE and block masks use positions relative to the window start.
    """

    def __init__(self, dit, mel_dim, *, num_heads, block_size, look_ahead, look_backward):
        super().__init__()
        self.dit = dit
        proj = dit.input_embed.proj
        self.x_weight = nn.Parameter(proj.weight[:, :mel_dim].detach().clone(), requires_grad=False)
        self.num_heads = num_heads
        self.dim = proj.weight.shape[0]  # a Python int: layer_norm needs a static shape
        # explicit unit scale and zero bias: torch 1.13 exports a scale-less layer_norm as an invalid
        # LayerNormalization, and ONNX Runtime 1.29's extended optimisations crash on one without bias
        self.register_buffer("unit_scale", torch.ones(self.dim), persistent=False)
        self.register_buffer("zero_shift", torch.zeros(self.dim), persistent=False)
        self.block_size = block_size
        self.look_ahead = list(look_ahead)  # per layer, in blocks
        self.look_backward = list(look_backward)
        head_dim = self.dim // num_heads
        inv_freq = 1.0 / (10000 ** (torch.arange(0, head_dim, 2).float() / head_dim))
        self.register_buffer("inv_freq", inv_freq, persistent=False)
        self.freq_dim = dit.time_embed.time_mlp[0].weight.shape[1]

    def time_embedding(self, t):
        half = self.freq_dim // 2
        freqs = torch.exp(torch.arange(half, device=t.device).float() * -(math.log(10000) / (half - 1)))
        arg = 1000 * t[:, None] * freqs[None]
        emb = torch.cat((arg.sin(), arg.cos()), dim=-1)
        mlp = self.dit.time_embed.time_mlp
        return mlp[2](F.silu(mlp[0](emb)))

    def modulate(self, h, shift, scale):
        """AdaLN: affine-free LayerNorm (eps 1e-6), then per-row scale and shift [rows or 1, H]."""
        return F.layer_norm(h, (self.dim,), self.unit_scale, self.zero_shift, 1e-6) * (1 + scale[:, None]) \
            + shift[:, None]

    def forward(self, x, cond_embeds, t):
        d = self.dit
        h = F.linear(x, self.x_weight) + cond_embeds  # [2,T,H]
        temb = self.time_embedding(t)  # [1,H], shared by both rows
        rows, frames, dim = h.shape[0], h.shape[1], self.dim
        hd = dim // self.num_heads
        pos = torch.arange(frames, device=x.device).float()
        freqs = (pos[:, None] * self.inv_freq[None])[..., None].expand(-1, -1, 2).reshape(frames, hd)
        cos, sin = freqs.cos(), freqs.sin()
        block = torch.arange(frames, device=x.device) // self.block_size
        diff = block[None, :] - block[:, None]  # key block - query block
        for i, layer in enumerate(d.transformer_blocks):
            mod = layer.attn_norm.linear(F.silu(temb))
            shift_msa, scale_msa, gate_msa, shift_mlp, scale_mlp, gate_mlp = torch.chunk(mod, 6, dim=1)
            n = self.modulate(h, shift_msa, scale_msa)
            a = layer.attn
            q = a.to_q(n).view(rows, frames, self.num_heads, hd).transpose(1, 2)
            k = a.to_k(n).view(rows, frames, self.num_heads, hd).transpose(1, 2)
            v = a.to_v(n).view(rows, frames, self.num_heads, hd).transpose(1, 2)
            q = torch.cat((q[:, :1] * cos + rotate_pairs(q[:, :1]) * sin, q[:, 1:]), dim=1)
            k = torch.cat((k[:, :1] * cos + rotate_pairs(k[:, :1]) * sin, k[:, 1:]), dim=1)
            allowed = (diff >= -self.look_backward[i]) & (diff <= self.look_ahead[i])
            o = attend(q, k, v, allowed, hd ** -0.5).transpose(1, 2).reshape(rows, frames, dim)
            h = h + gate_msa[:, None] * a.to_out[0](o)
            n = self.modulate(h, shift_mlp, scale_mlp)
            ff = layer.ff.ff
            h = h + gate_mlp[:, None] * ff[3](F.gelu(ff[0](n), approximate="tanh"))
        scale, shift = torch.chunk(d.norm_out.linear(F.silu(temb)), 2, dim=1)
        h = self.modulate(h, shift, scale)
        return d.proj_out(h)


def snake_beta(x, act):
    """Anti-aliased SnakeBeta: up x2 (Kaiser sinc), x + sin²(x·e^α)/(e^β + 1e-9), down x2."""
    up, down = act.upsample, act.downsample
    channels = act.act.alpha.shape[0]  # static, so the depthwise kernels have a known shape
    y = F.pad(x, (up.pad, up.pad), mode="replicate")
    y = up.ratio * F.conv_transpose1d(y, up.filter.expand(channels, -1, -1), stride=up.stride, groups=channels)
    y = y[..., up.pad_left:-up.pad_right]
    alpha = torch.exp(act.act.alpha)[None, :, None]
    beta = torch.exp(act.act.beta)[None, :, None]
    y = y + (1.0 / (beta + 1e-9)) * torch.sin(y * alpha).pow(2)
    y = F.pad(y, (down.pad_left, down.pad_right), mode="replicate")
    return F.conv1d(y, down.filter.expand(channels, -1, -1), stride=down.stride, groups=channels)


class BigVGANGraph(nn.Module):
    """mel [1,80,T] (natural-log mel) -> waveform [1,240·T], clamped to [-1, 1]."""

    def __init__(self, bigvgan):
        super().__init__()
        self.g = bigvgan

    def forward(self, mel):
        g = self.g
        db = 20 * torch.log10(torch.clamp(torch.exp(mel), min=math.exp(-115 / 20.0 * math.log(10)))) - 20
        x = torch.clamp(2 * ((db + 115) / 115) - 1, -1, 1)
        x = g.conv_pre(x)
        per_stage = len(g.resblocks) // len(g.ups)
        for s, up in enumerate(g.ups):
            x = up[0](x)
            total = 0
            for block in g.resblocks[s * per_stage:(s + 1) * per_stage]:
                y = x
                for j, (conv1, conv2) in enumerate(zip(block.convs1, block.convs2)):
                    r = conv1(snake_beta(y, block.activations[2 * j]))
                    y = y + conv2(snake_beta(r, block.activations[2 * j + 1]))
                total = total + y
            x = total / per_stage
        x = g.conv_post(snake_beta(x, g.activation_post))
        return torch.clamp(x, -1.0, 1.0)[:, 0]
