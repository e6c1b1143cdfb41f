# SPDX-License-Identifier: Apache-2.0
"""Checks the procedure that produced tiny/goldens against transformers itself, on a randomly
initialised tiny transformers Qwen2.5-Omni (export_qwen25_omni.tiny_random_config): the goldens'
prompt builder + Thinker/Talker loops (tiny/goldens.py) driven by the exported wrappers must give
the same tokens and codes as `Qwen2_5OmniForConditionalGeneration.generate` (greedy Thinker with
repetition penalty 1.1, greedy Talker with 1.0 and 1.05), and the same mel and waveform as
transformers' Token2Wav (RK4) on the same noise. Needs transformers 4.52 (see
transformers_polyfill.py to run it on Debian's torch 1.13)."""
import json
import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [os.path.dirname(HERE), os.path.join(os.path.dirname(HERE), "tiny")]

import export_qwen25_omni as E  # noqa: E402
import goldens as GD  # noqa: E402
import omni_package as P  # noqa: E402
import qwen_prompt as Q  # noqa: E402
from build_package import shared_data  # noqa: E402

GOLDENS = os.path.join(os.path.dirname(HERE), "tiny", "goldens")


class Args:
    tiny_random_config, seed = True, 0


def hf_inputs(media, arrays):
    """The processor outputs transformers' generate takes for these media items."""
    kw = {}
    for item in media:
        mel = item.get("mel_file") or item.get("audio_mel_file")
        if mel:
            kw["input_features"] = torch.from_numpy(arrays[mel])[None]
            kw["feature_attention_mask"] = torch.ones(1, arrays[mel].shape[1], dtype=torch.long)
        if item["type"] == "image":
            kw["pixel_values"] = torch.from_numpy(arrays[item["pixel_values_file"]])
            kw["image_grid_thw"] = torch.tensor([item["grid_thw"]])
        if item["type"] == "video":
            kw["pixel_values_videos"] = torch.from_numpy(arrays[item["pixel_values_file"]])
            kw["video_grid_thw"] = torch.tensor([item["grid_thw"]])
            kw["video_second_per_grid"] = torch.tensor([item["second_per_grid"]])
    return kw


def main():
    model, _, speakers = E.load(Args)
    model.speaker_map = speakers
    dims = E.dims_of(model.config)
    golden = GD.Golden.__new__(GD.Golden)  # the goldens' procedure, on this model's wrappers
    golden.g = E.wrappers(model, dims)
    golden.tokens = E.tokens_of(model.config)
    golden.manifest = P.manifest(name="", source="", revision="", random_weights=True, precision={}, dims=dims,
                                 tokens=golden.tokens)
    tokenizer = Q.Tokenizer(shared_data("tokenizer", "tokenizer.json"))
    captured = {}
    real_token2wav = model.token2wav.forward

    def capture_codes(code, **kwargs):  # generate's Token2Wav call: keep the codes, skip the audio
        captured["codes"] = code[0].tolist()
        return torch.zeros(1)
    model.token2wav.forward = capture_codes
    failures = 0
    for scenario in ("text_only", "text_audio", "text_image", "video_audio", "two_turns"):
        with open(os.path.join(GOLDENS, f"{scenario}.json")) as f:
            request = json.load(f)["request"]
        aiv = request["use_audio_in_video"]
        ids, positions, delta, media = Q.build_prompt(tokenizer, request, golden.tokens, P.SYSTEM_PROMPT_SPEECH)
        arrays = {item[k]: np.load(os.path.join(GOLDENS, item[k])) for item in media
                  for k in ("mel_file", "audio_mel_file", "pixel_values_file") if k in item}
        with torch.no_grad():
            embeds, talker_embeds = golden.embed_prompt(ids, media, arrays, aiv)
        tokens, _, prompt_hidden, step_hidden = golden.thinker(ids, positions, delta, embeds)
        bos = int(speakers[request["speaker"]]["bos_token"])
        for penalty in (1.0, 1.05):
            ours = golden.talker(ids, media, aiv, bos, tokens, prompt_hidden, step_hidden, talker_embeds, penalty)[0]
            captured.clear()
            with torch.no_grad():
                seq, _ = model.generate(
                    input_ids=torch.tensor([ids]), attention_mask=torch.ones(1, len(ids), dtype=torch.long),
                    speaker=request["speaker"], return_audio=True, use_audio_in_video=aiv,
                    thinker_max_new_tokens=GD.THINKER_NEW_TOKENS, thinker_do_sample=False,
                    thinker_repetition_penalty=GD.THINKER_PENALTY, talker_do_sample=False,
                    talker_repetition_penalty=penalty, talker_max_new_tokens=GD.TALKER_MAX_CODES,
                    **hf_inputs(media, arrays))
            same_text = seq[0, len(ids):].tolist() == tokens
            same_codes = captured["codes"] == ours["codes"][:-1]
            failures += not (same_text and same_codes)
            print(f"{scenario:<12s} penalty {penalty:.2f}: thinker tokens {'equal' if same_text else 'DIFFER'}, "
                  f"talker codes {'equal' if same_codes else 'DIFFER'} ({len(ours['codes']) - 1} codes)")
    model.token2wav.forward = real_token2wav
    codes = torch.randint(0, dims["token2wav"]["num_codes"], (40,), generator=torch.Generator().manual_seed(3))
    noise = np.random.RandomState(GD.NOISE_SEED).standard_normal((80, 80)).astype(np.float32)
    spk = speakers["Chelsie"]
    ours = GD.Golden.token2wav(golden, codes.tolist(), {"cond": spk["cond"].flatten().tolist(),
                                                        "ref_mel": spk["ref_mel"][0].numpy()}, noise)
    randn = torch.randn
    torch.randn = lambda *shape, **kw: torch.cat([torch.from_numpy(noise)[None], torch.zeros(1, 30000 - 80, 80)], 1)
    try:
        with torch.no_grad():
            mel = model.token2wav.code2wav_dit_model.sample(spk["cond"], spk["ref_mel"], codes[None])
            wave = model.token2wav.code2wav_bigvgan_model(mel)
    finally:
        torch.randn = randn
    mel_err = float((mel[0] - ours[2]["rk4"]).abs().max())
    wave_err = float((wave - ours[3]["rk4"]).abs().max())
    print(f"token2wav RK4 vs transformers: mel max abs diff {mel_err:.2e}, waveform {wave_err:.2e}")
    if failures or mel_err > 1e-4 or wave_err > 1e-3:
        raise SystemExit("the goldens' procedure differs from transformers")


if __name__ == "__main__":
    main()
