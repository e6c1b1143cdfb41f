#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Export Qwen/Qwen2.5-Omni-3B or -7B (transformers 4.52.x) to an OmniDesk model package
(`omnidesk-model/1`, see MODEL_PACKAGE.md): ten ONNX graphs, tokenizer.json, the two speakers of
spk_dict.pt and omni-package.json with SHA-256s.

The graphs wrap the checkpoint's own submodules with the forwards of omni_graphs.py (shared with
the tiny reference model): audio chunking, vision window order and the DiT block masks are tensor
ops, so each graph is valid for every input length. Every graph is then run in ONNX Runtime
against its PyTorch wrapper on random inputs of several lengths, and every wrapper against the
original transformers module, and the largest errors are printed.

examples:
  export_qwen25_omni.py --model Qwen/Qwen2.5-Omni-3B --out omni-3b --thinker int4
  export_qwen25_omni.py --model /data/Qwen2.5-Omni-7B --out omni-7b --thinker fp16 --talker fp16 --encoders fp16
  export_qwen25_omni.py --tiny-random-config --out /tmp/omni-tiny     # no download, seconds
"""
import argparse
import os
import shutil
import sys
import tempfile
import time

import onnx
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import omni_graphs as G  # noqa: E402
import omni_package as P  # noqa: E402

GRAPHS = ("audio_encoder", "vision_encoder", "thinker_embed", "thinker_decoder", "talker_embed", "talker_decoder",
          "spk_encoder", "dit_condition", "dit_step", "bigvgan")
PART = {"audio_encoder": "encoders", "vision_encoder": "encoders", "thinker_embed": "thinker",
        "thinker_decoder": "thinker", "talker_embed": "talker", "talker_decoder": "talker", "spk_encoder": "token2wav",
        "dit_condition": "token2wav", "dit_step": "token2wav", "bigvgan": "token2wav"}
SINGLE_FILE_LIMIT = 1 << 30  # bigger graphs keep their weights in one `<graph>.onnx.data` beside them
START = time.time()


def log(message):
    print(f"[{time.time() - START:7.1f}s] {message}", flush=True)


def tiny_random_config():
    """A Qwen2.5-Omni config with tiny widths (real vocabularies and ids), for exporter self-tests."""
    from transformers import Qwen2_5OmniConfig
    mrope = {"type": "default", "rope_type": "default", "mrope_section": [2, 3, 3]}  # as in the checkpoints
    return Qwen2_5OmniConfig(
        thinker_config={
            "audio_config": {"d_model": 32, "encoder_layers": 2, "encoder_attention_heads": 4, "encoder_ffn_dim": 64,
                             "output_dim": 32},
            "vision_config": {"depth": 4, "hidden_size": 32, "intermediate_size": 64, "num_heads": 2,
                              "out_hidden_size": 32, "fullatt_block_indexes": [1, 3]},
            "text_config": {"hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 2,
                            "num_attention_heads": 2, "num_key_value_heads": 1, "rope_scaling": mrope},
            # the checkpoints' config.json carries these; the class defaults do not
            "vision_start_token_id": 151652, "vision_end_token_id": 151653, "vision_token_id": 151654},
        talker_config={"embedding_size": 32, "hidden_size": 24, "intermediate_size": 48, "num_hidden_layers": 2,
                       "num_attention_heads": 4, "num_key_value_heads": 2, "head_dim": 16, "rope_scaling": mrope},
        token2wav_config={
            "dit_config": {"hidden_size": 32, "num_hidden_layers": 4, "num_attention_heads": 2, "head_dim": 16,
                           "emb_dim": 16, "enc_emb_dim": 24, "enc_dim": 16, "enc_channels": [32, 32, 32, 32, 96],
                           "enc_attention_channels": 16, "enc_se_channels": 16, "look_ahead_layers": [2],
                           "look_backward_layers": [0, 3]},
            "bigvgan_config": {"upsample_initial_channel": 64}})


def load(args):
    """-> (model in float32 eval mode, checkpoint folder or None, speakers {name: {cond, ref_mel, bos_token}})."""
    from transformers import Qwen2_5OmniForConditionalGeneration
    if args.tiny_random_config:
        sys.path.insert(0, os.path.join(HERE, "tiny"))
        from tiny_model import randomise  # transformers' init (std 0.02, zero biases) would make checks trivial
        torch.manual_seed(args.seed)
        model = randomise(Qwen2_5OmniForConditionalGeneration(tiny_random_config()), args.seed).float().eval()
        gen = torch.Generator().manual_seed(args.seed)
        speakers = {name: {"cond": torch.randn(1, 24, generator=gen), "bos_token": bos,
                           "ref_mel": torch.randn(1, 300, 80, generator=gen) - 5}
                    for name, bos in (("Chelsie", 151872), ("Ethan", 151870))}
        return model, None, speakers
    folder = args.model
    if not os.path.isdir(folder):
        from huggingface_hub import snapshot_download
        log(f"downloading {args.model}@{args.revision}")
        folder = snapshot_download(args.model, revision=args.revision)
    log(f"loading {folder} in float32")
    model = Qwen2_5OmniForConditionalGeneration.from_pretrained(folder, torch_dtype=torch.float32).eval()
    return model, folder, dict(model.speaker_map)


def dims_of(config):
    """The manifest's thinker / talker / token2wav numbers, from the checkpoint's config."""
    text, talker = config.thinker_config.text_config, config.talker_config
    dit = config.token2wav_config.dit_config
    text_head = getattr(text, "head_dim", None) or text.hidden_size // text.num_attention_heads
    talker_mrope = (talker.rope_scaling or text.rope_scaling)["mrope_section"]
    return {"thinker": {"hidden": text.hidden_size, "layers": text.num_hidden_layers,
                        "heads": text.num_attention_heads, "kv_heads": text.num_key_value_heads, "head_dim": text_head,
                        "vocab": text.vocab_size, "rope_theta": float(text.rope_theta),
                        "mrope_section": list(text.rope_scaling["mrope_section"]),
                        "max_positions": text.max_position_embeddings},
            "talker": {"embedding": talker.embedding_size, "hidden": talker.hidden_size,
                       "layers": talker.num_hidden_layers, "heads": talker.num_attention_heads,
                       "kv_heads": talker.num_key_value_heads, "head_dim": talker.head_dim,
                       "vocab": talker.vocab_size, "mrope_section": list(talker_mrope)},
            "token2wav": {"mel_dim": dit.mel_dim, "repeats": dit.repeats, "block_size": dit.block_size,
                          "num_codes": dit.num_embeds, "dit_hidden": dit.hidden_size, "spk_cond_dim": dit.enc_dim,
                          "spk_emb_dim": dit.enc_emb_dim}}


def tokens_of(config):
    th, tk = config.thinker_config, config.talker_config
    return {**P.TOKENS, "audio": th.audio_token_index, "audio_bos": th.audio_start_token_id,
            "audio_eos": th.audio_end_token_id, "image": th.image_token_index, "video": th.video_token_index,
            "vision_bos": tk.vision_start_token_id, "vision_eos": tk.vision_end_token_id,
            "tts_pad": tk.tts_text_pad_token_id, "tts_bos": tk.tts_text_start_token_id,
            "tts_eos": tk.tts_text_end_token_id, "codec_pad": tk.tts_codec_pad_token_id,
            "codec_bos": tk.tts_codec_start_token_id, "codec_eos": tk.tts_codec_end_token_id,
            "codec_mask": tk.tts_codec_mask_token_id}


def wrappers(model, dims):
    """graph name -> omni_graphs wrapper around the checkpoint's submodules."""
    config, th, tk = model.config, model.thinker, model.talker
    dit = model.token2wav.code2wav_dit_model
    vc, d = config.thinker_config.vision_config, dims
    rope = {"rope_theta": d["thinker"]["rope_theta"]}
    return {
        "audio_encoder": G.AudioEncoderGraph(th.audio_tower, config.thinker_config.audio_config.n_window),
        "vision_encoder": G.VisionEncoderGraph(
            th.visual, window_size=vc.window_size, patch_size=vc.patch_size, spatial_merge_size=vc.spatial_merge_size,
            fullatt_block_indexes=vc.fullatt_block_indexes, num_heads=vc.num_heads),
        "thinker_embed": G.EmbedGraph(th.model.embed_tokens),
        "thinker_decoder": G.DecoderGraph(
            th.model, th.lm_head.weight, num_heads=d["thinker"]["heads"], num_kv_heads=d["thinker"]["kv_heads"],
            head_dim=d["thinker"]["head_dim"], mrope_section=d["thinker"]["mrope_section"], **rope),
        "talker_embed": G.EmbedGraph(tk.model.embed_tokens),
        "talker_decoder": G.DecoderGraph(
            tk.model, tk.codec_head.weight, num_heads=d["talker"]["heads"], num_kv_heads=d["talker"]["kv_heads"],
            head_dim=d["talker"]["head_dim"], mrope_section=d["talker"]["mrope_section"],
            in_proj=tk.thinker_to_talker_proj, return_hidden=False, rope_theta=float(config.talker_config.rope_theta)),
        "spk_encoder": G.SpeakerEncoderGraph(dit.input_embed.spk_encoder),
        "dit_condition": G.DitConditionGraph(dit, dit.mel_dim),
        "dit_step": G.DitStepGraph(dit, dit.mel_dim, num_heads=dit.num_attention_heads, block_size=dit.block_size,
                                   look_ahead=[b.look_ahead_block for b in dit.transformer_blocks],
                                   look_backward=[b.look_backward_block for b in dit.transformer_blocks]),
        "bigvgan": G.BigVGANGraph(model.token2wav.code2wav_bigvgan_model),
    }


def reference_outputs(model, name, inputs):
    """The same computation by the original transformers modules (None where the graph has no
    single-call counterpart: decode steps with a past, the split DiT input projection)."""
    th, t2w = model.thinker, model.token2wav
    if name == "audio_encoder":
        feats = inputs["input_features"]
        frames = torch.tensor([feats.shape[1]])
        return (th.audio_tower(feats, feature_lens=frames, aftercnn_lens=(frames - 1) // 2 + 1).last_hidden_state,)
    if name == "vision_encoder":
        return (th.visual(inputs["pixel_values"], inputs["grid_thw"]),)
    if name in ("thinker_embed", "talker_embed"):
        table = th.model.embed_tokens if name == "thinker_embed" else model.talker.model.embed_tokens
        return (table(next(iter(inputs.values()))),)
    if name in ("thinker_decoder", "talker_decoder"):
        if inputs["past_key_values.0.key"].shape[2] or not bool(inputs["attention_mask"].all()):
            return None
        x = inputs["inputs_embeds"]
        lm = th if name == "thinker_decoder" else model.talker
        if name == "talker_decoder":
            x = lm.thinker_to_talker_proj(x)
        out = lm.model(inputs_embeds=x, attention_mask=inputs["attention_mask"],
                       position_ids=inputs["position_ids"], use_cache=False)
        hidden = out.last_hidden_state
        head = lm.lm_head if name == "thinker_decoder" else lm.codec_head
        logits = head(hidden[:, -1:]).float()
        return (logits, hidden) if name == "thinker_decoder" else (logits,)
    if name == "spk_encoder":
        return (t2w.code2wav_dit_model.input_embed.spk_encoder(inputs["ref_mel"]),)
    if name == "bigvgan":
        return (t2w.code2wav_bigvgan_model(inputs["mel"]).reshape(1, -1),)
    return None


def dit_reference_check(model, graphs, gen):
    """dit_condition + dit_step against transformers' DiT forward with classifier-free guidance rows."""
    dit = model.token2wav.code2wav_dit_model
    worst = 0.0
    for codes_len in (30, 13):
        codes = torch.randint(0, dit.config.num_embeds, (1, codes_len), generator=gen)
        ref_mel = torch.randn(1, 120, dit.mel_dim, generator=gen) - 5
        spk = torch.randn(1, dit.config.enc_emb_dim, generator=gen)
        x = torch.randn(1, 2 * codes_len, dit.mel_dim, generator=gen)
        t = torch.rand(1, generator=gen)
        ecapa = graphs["spk_encoder"]
        spk_cond = torch.cat([ecapa(ref_mel), ecapa(torch.zeros_like(ref_mel))])
        cond = graphs["dit_condition"](codes, spk_cond, torch.cat([spk, torch.zeros_like(spk)]))
        ours = graphs["dit_step"](x, cond, t)
        theirs = dit(hidden_states=x, condition_vector=ref_mel, speaker_embedding=spk[:, None].repeat(1, x.shape[1], 1),
                     quantized_code=codes, time_step=t[0], apply_cfg=True)
        worst = max(worst, P.max_error((theirs,), (ours,), "dit"))
    return worst


def check_against_transformers(model, graphs, dims, seed):
    """Every wrapper against the original modules on random inputs of several lengths."""
    gen = torch.Generator().manual_seed(seed)
    log("wrappers vs transformers modules:")
    with torch.no_grad():
        for name in GRAPHS:
            errors = []
            for v in range(P.VARIANTS[name]):
                inputs = P.example_inputs(name, v, gen, dims)
                ref = reference_outputs(model, name, inputs)
                if ref is not None:
                    errors.append(P.max_error(ref, graphs[name](*inputs.values()), name))
            if errors:
                print(f"  {name:<40s} max error {max(errors):.2e} over {len(errors)} lengths", flush=True)
        print(f"  {'dit_condition + dit_step':<40s} max error {dit_reference_check(model, graphs, gen):.2e}",
              flush=True)


def save_graph(tmp_path, final_path, half):
    """Re-save an exported graph into the package: optionally float16, weights in one data file if big."""
    model = onnx.load(tmp_path)
    if half:
        from onnxconverter_common import float16
        model = float16.convert_float_to_float16(model, keep_io_types=False)
    size = sum(t.ByteSize() for t in model.graph.initializer)
    if size > SINGLE_FILE_LIMIT:
        onnx.save_model(model, final_path, save_as_external_data=True, all_tensors_to_one_file=True,
                        location=os.path.basename(final_path) + ".data", size_threshold=1024)
    else:
        onnx.save_model(model, final_path)


def quantize_int4(path, vocab, block_size):
    """Weight-only int4 (ONNX Runtime MatMulNBits) on the decoder layers' MatMuls; the LM head stays fp32."""
    from onnxruntime.quantization.matmul_4bits_quantizer import MatMul4BitsQuantizer
    model = onnx.load(path)
    weights = {t.name: t for t in model.graph.initializer}
    head = [n.name for n in model.graph.node if n.op_type in ("MatMul", "Gemm") and n.input[1] in weights
            and vocab in weights[n.input[1]].dims]
    quantizer = MatMul4BitsQuantizer(model, block_size=block_size, is_symmetric=True, nodes_to_exclude=head)
    quantizer.process()
    if os.path.exists(path + ".data"):  # the fp32 weights are in memory; the file is rewritten below
        os.remove(path + ".data")
    quantizer.model.save_model_to_file(path, use_external_data_format=True)  # one `<graph>.onnx.data`


def write_speakers(package, speakers):
    folder = os.path.join(package, "speakers")
    os.makedirs(folder, exist_ok=True)
    for name, spk in speakers.items():
        mel = spk["ref_mel"].float().reshape(-1, spk["ref_mel"].shape[-1]).numpy()  # [T_ref, 80]
        P.save_npy(os.path.join(folder, f"{name}.ref_mel.npy"), mel)
        P.write_json(os.path.join(folder, f"{name}.json"),
                     {"bos_token": int(spk["bos_token"]), "cond": [float(x) for x in spk["cond"].float().flatten()],
                      "ref_mel_file": f"{name}.ref_mel.npy"})


def copy_tokenizer(folder, package):
    if folder is None:  # tiny random config: the project's Qwen2 tokenizer, when the checkout has it
        from build_package import shared_data
        src = shared_data("tokenizer", "tokenizer.json")
    else:
        src = os.path.join(folder, "tokenizer.json")
    shutil.copyfile(src, os.path.join(package, "tokenizer.json"))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="Qwen/Qwen2.5-Omni-3B",
                    help="Hugging Face repo id or local checkpoint folder (default %(default)s)")
    ap.add_argument("--revision", default="main", help="hub revision to download (default %(default)s)")
    ap.add_argument("--out", required=True, help="package folder to create (replaced if it exists)")
    ap.add_argument("--thinker", choices=("fp32", "fp16", "int4"), default="fp32",
                    help="Thinker precision; int4 = MatMulNBits weight-only on the decoder layers (default fp32)")
    ap.add_argument("--talker", choices=("fp32", "fp16"), default="fp32", help="Talker precision (default fp32)")
    ap.add_argument("--encoders", choices=("fp32", "fp16"), default="fp32",
                    help="audio and vision encoder precision (default fp32); token2wav is always fp32")
    ap.add_argument("--int4-block-size", type=int, default=32, help="MatMulNBits block size (default %(default)s)")
    ap.add_argument("--tiny-random-config", action="store_true",
                    help="export a randomly initialised tiny Qwen2.5-Omni (no download) to test this exporter")
    ap.add_argument("--seed", type=int, default=0, help="seed of --tiny-random-config and of the check inputs")
    ap.add_argument("--skip-checks", action="store_true", help="skip the graph and transformers comparisons")
    args = ap.parse_args()

    model, folder, speakers = load(args)
    config = model.config
    dims = dims_of(config)
    precision = {"thinker": args.thinker, "talker": args.talker, "encoders": args.encoders, "token2wav": "fp32"}
    half = {g for g in GRAPHS if precision[PART[g]] == "fp16"}
    graphs = wrappers(model, dims)
    if not args.skip_checks:
        check_against_transformers(model, graphs, dims, args.seed)

    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    os.makedirs(os.path.join(args.out, "graphs"))
    io = P.graph_io(dims["thinker"]["layers"], dims["talker"]["layers"])
    gen = torch.Generator().manual_seed(args.seed + 1)
    files, cases = {}, []
    with tempfile.TemporaryDirectory() as tmp:
        for i, name in enumerate(GRAPHS):
            log(f"[{i + 1}/{len(GRAPHS)}] exporting {name} ({'fp16' if name in half else precision[PART[name]]})")
            variants = [P.example_inputs(name, v, gen, dims) for v in range(P.VARIANTS[name])]
            tmp_path = os.path.join(tmp, name, f"{name}.onnx")
            os.makedirs(os.path.dirname(tmp_path))
            P.export_graph(graphs[name], variants[0].values(), tmp_path, io[name])
            files[name] = f"graphs/{name}.onnx"
            path = os.path.join(args.out, files[name])
            save_graph(tmp_path, path, name in half)
            if name == "thinker_decoder" and args.thinker == "int4":
                log(f"quantising {name} to int4 (block {args.int4_block_size})")
                quantize_int4(path, dims["thinker"]["vocab"], args.int4_block_size)
            if name in half:
                variants = [{k: v.half() if v.is_floating_point() else v for k, v in x.items()} for x in variants]
            cases += [(f"{name} #{v}", path, HalfIO(graphs[name]) if name in half else graphs[name], x)
                      for v, x in enumerate(variants)]
    half_io = P.graph_io(dims["thinker"]["layers"], dims["talker"]["layers"], half=half)
    for name in GRAPHS:
        P.check_signature(onnx.load(os.path.join(args.out, files[name]), load_external_data=False), half_io[name],
                          name)
    copy_tokenizer(folder, args.out)
    write_speakers(args.out, speakers)
    source = "tiny-random-config" if args.tiny_random_config else args.model
    revision = f"random-seed-{args.seed}" if args.tiny_random_config else resolved_revision(folder, args.revision)
    meta = P.manifest(name=f"{os.path.basename(source.rstrip('/'))} ({'+'.join(sorted(set(precision.values())))})",
                      source=source, revision=revision, random_weights=bool(args.tiny_random_config),
                      precision=precision, dims=dims, tokens=tokens_of(config),
                      n_window=config.thinker_config.audio_config.n_window)
    P.write_manifest(args.out, meta, files, speakers)
    if not args.skip_checks:
        log("graphs vs wrappers (ONNX Runtime):")
        report = P.compare_with_module(cases, tolerance=float("inf"), per_tensor=half)
        bad = [(label, err) for label, err in report if err > tolerance(label.split(" #")[0], half, args.thinker)]
        if bad:
            raise SystemExit(f"graphs differ from their modules beyond tolerance: {bad}")
    size = sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(args.out) for f in fs)
    log(f"wrote {args.out} ({size / 1e6:.1f} MB); import it with OmniDesk's model setup or `omnidesk ask --model DIR`")


def tolerance(name, half, thinker):
    """Allowed graph-vs-wrapper error: fp32 graphs 1e-4 (relative to max(1, |x|)); fp16 graphs 1e-2
    (relative to each output's largest value); the int4 Thinker is only reported (4-bit weights
    change the logits by design)."""
    if name == "thinker_decoder" and thinker == "int4":
        return float("inf")
    return 1e-2 if name in half else 1e-4


class HalfIO(torch.nn.Module):
    """Reference for a float16 graph: the float32 wrapper on the same (rounded) inputs."""

    def __init__(self, module):
        super().__init__()
        self.module = module

    def forward(self, *args):
        return self.module(*[a.float() if a.is_floating_point() else a for a in args])


def resolved_revision(folder, requested):
    """The hub commit of a snapshot folder (…/snapshots/<sha>), else what was asked for."""
    parent = os.path.basename(os.path.dirname(os.path.normpath(folder)))
    name = os.path.basename(os.path.normpath(folder))
    return name if parent == "snapshots" and len(name) == 40 else requested


if __name__ == "__main__":
    main()
