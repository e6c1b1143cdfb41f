# SPDX-License-Identifier: Apache-2.0
"""Writing an `omnidesk-model/1` package (MODEL_PACKAGE.md): graph signatures, ONNX export, the
shared embedding table, SHA-256s, the manifest, and graph-vs-module checks through the Java ONNX
Runtime (tools/OrtRun.java). Shared by the tiny reference model and the real exporter."""
import hashlib
import json
import os
import shutil
import subprocess
import tempfile

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

FORMAT = "omnidesk-model/1"
OPSET = 17
HERE = os.path.dirname(os.path.abspath(__file__))
ORT_VERSION = "1.29.0"
ORT_JAR = os.path.expanduser(
    f"~/.m2/repository/com/microsoft/onnxruntime/onnxruntime/{ORT_VERSION}/onnxruntime-{ORT_VERSION}.jar")

F32, F16, I64 = TensorProto.FLOAT, TensorProto.FLOAT16, TensorProto.INT64

TOKENS = {"im_start": 151644, "im_end": 151645, "endoftext": 151643, "audio": 151646, "audio_bos": 151647,
          "audio_eos": 151648, "vision_bos": 151652, "vision_eos": 151653, "image": 151655, "video": 151656,
          "tts_pad": 151859, "tts_bos": 151860, "tts_eos": 151861,
          "codec_pad": 8292, "codec_bos": 8293, "codec_eos": 8294, "codec_mask": 8296}
SYSTEM_PROMPT_SPEECH = ("You are Qwen, a virtual human developed by the Qwen Team, Alibaba Group, capable of "
                        "perceiving auditory and visual inputs, as well as generating text and speech.")


def manifest(*, name, source, revision, random_weights, precision, dims, tokens=TOKENS, n_window=100,
             system_prompt_speech=SYSTEM_PROMPT_SPEECH):
    """The manifest without its file entries (write_manifest adds them). `dims` holds the model's
    own `thinker`, `talker` and `token2wav` numbers; the rest is Qwen2.5-Omni's processing."""
    token2wav = {"sample_rate": 24000, "hop": 240, "ode_steps": 10, "guidance_scale": 0.5, "sway_coefficient": -1.0}
    return {
        "format": FORMAT, "name": name, "source": source, "revision": revision, "random_weights": random_weights,
        "precision": precision,
        "thinker": {**dims["thinker"], "stop_tokens": [tokens["im_end"], tokens["endoftext"]]},
        "talker": dict(dims["talker"]),
        "audio": {"sample_rate": 16000, "mel_bins": 128, "n_fft": 400, "hop": 160, "chunk_length_s": 300,
                  "n_window": n_window},
        "vision": {"patch": 14, "temporal_patch": 2, "merge": 2, "min_pixels": 3136, "max_pixels": 12845056,
                   "mean": [0.48145466, 0.4578275, 0.40821073], "std": [0.26862954, 0.26130258, 0.27577711]},
        "video": {"fps": 2.0, "min_frames": 4, "max_frames": 768, "frame_factor": 2, "min_pixels": 100352,
                  "max_pixels": 602112, "total_pixels": 90316800, "second_per_grid": "sampled"},
        "tokens": dict(tokens),
        "rope": {"position_id_per_seconds": 25, "seconds_per_chunk": 2},
        "token2wav": {**{k: dims["token2wav"][k] for k in ("mel_dim", "repeats", "block_size")}, **token2wav,
                      **{k: dims["token2wav"][k] for k in ("num_codes", "dit_hidden", "spk_cond_dim", "spk_emb_dim")}},
        "generation": {"thinker": {"temperature": 0.0, "top_p": 1.0, "top_k": 0, "repetition_penalty": 1.1,
                                   "max_new_tokens": 2048},
                       "talker": {"temperature": 0.9, "top_k": 40, "top_p": 0.8, "repetition_penalty": 1.05,
                                  "max_new_tokens": 4096, "stop_codes": [tokens["codec_pad"], tokens["codec_eos"]],
                                  "suppress_codes": [tokens["codec_bos"]]}},
        "system_prompt_speech": system_prompt_speech,
        "default_speaker": "Chelsie",
    }


def kv_io(prefix, layers, past_axis):
    io = []
    for i in range(layers):
        for kind in ("key", "value"):
            io.append((f"{prefix}.{i}.{kind}", F32, {0: "batch", 2: past_axis}, 4))
    return io


def graph_io(thinker_layers, talker_layers, half=()):
    """graph -> (inputs, outputs), each a list of (name, dtype, dynamic axes, rank), per the contract.
    Graphs named in `half` take and give every float tensor as float16 (logits included)."""
    table = _graph_io(thinker_layers, talker_layers)
    for name in half:
        table[name] = tuple([(n, F16 if t == F32 else t, axes, rank) for n, t, axes, rank in side]
                            for side in table[name])
    return table


def _graph_io(thinker_layers, talker_layers):
    dec_in = [("inputs_embeds", F32, {0: "batch", 1: "seq"}, 3), ("attention_mask", I64, {0: "batch", 1: "total"}, 2),
              ("position_ids", I64, {1: "batch", 2: "seq"}, 3)]
    return {
        "audio_encoder": ([("input_features", F32, {1: "frames"}, 2)], [("audio_embeds", F32, {0: "tokens"}, 2)]),
        "vision_encoder": ([("pixel_values", F32, {0: "patches"}, 2), ("grid_thw", I64, {}, 2)],
                           [("vision_embeds", F32, {0: "tokens"}, 2)]),
        "thinker_embed": ([("input_ids", I64, {0: "batch", 1: "seq"}, 2)],
                          [("inputs_embeds", F32, {0: "batch", 1: "seq"}, 3)]),
        "thinker_decoder": (dec_in + kv_io("past_key_values", thinker_layers, "past"),
                            [("logits", F32, {0: "batch"}, 3), ("hidden_states", F32, {0: "batch", 1: "seq"}, 3)]
                            + kv_io("present", thinker_layers, "total")),
        "talker_embed": ([("codec_ids", I64, {0: "batch", 1: "seq"}, 2)],
                         [("codec_embeds", F32, {0: "batch", 1: "seq"}, 3)]),
        "talker_decoder": (dec_in + kv_io("past_key_values", talker_layers, "past"),
                           [("logits", F32, {0: "batch"}, 3)] + kv_io("present", talker_layers, "total")),
        "spk_encoder": ([("ref_mel", F32, {1: "frames"}, 3)], [("spk_cond", F32, {}, 2)]),
        "dit_condition": ([("codes", I64, {1: "codes"}, 2), ("spk_cond", F32, {}, 2), ("spk_emb", F32, {}, 2)],
                          [("cond_embeds", F32, {1: "frames"}, 3)]),
        "dit_step": ([("x", F32, {1: "frames"}, 3), ("cond_embeds", F32, {1: "frames"}, 3), ("t", F32, {}, 1)],
                     [("velocity", F32, {1: "frames"}, 3)]),
        "bigvgan": ([("mel", F32, {2: "frames"}, 3)], [("waveform", F32, {1: "samples"}, 2)]),
    }


def export_graph(module, args, path, io):
    """torch.onnx.export with the contract's names and dynamic axes, then check the signature."""
    inputs, outputs = io
    dynamic = {name: axes for name, _, axes, _ in inputs + outputs if axes}
    module.eval()
    with torch.no_grad():
        torch.onnx.export(module, tuple(args), path, opset_version=OPSET, do_constant_folding=True,
                          input_names=[n for n, *_ in inputs], output_names=[n for n, *_ in outputs],
                          dynamic_axes=dynamic)
    check_signature(onnx.load(path, load_external_data=False), io, path)


def check_signature(model, io, label):
    """Names, element types and ranks of the graph's inputs and outputs, in the contract's order."""
    for want, got in ((io[0], model.graph.input), (io[1], model.graph.output)):
        found = [(v.name, v.type.tensor_type.elem_type, len(v.type.tensor_type.shape.dim)) for v in got]
        expected = [(n, t, r) for n, t, _, r in want]
        if found != expected:
            raise ValueError(f"{label}: signature {found} != contract {expected}")


def share_table(path, table, data_file):
    """Store `table` [V,D] once, as ONNX external data in `data_file` (beside the graph).

    An initializer equal to the table is pointed at the file; one equal to its transpose (the tied
    LM head, folded by the exporter into a MatMul weight) is dropped and its MatMul becomes
    Gemm(transB=1) on the shared table, so the 152064-row table is stored once for two graphs.
    """
    model = onnx.load(path)
    graph = model.graph
    name = "shared." + os.path.basename(data_file).replace(".", "_")
    keep, found = [], False
    for init in graph.initializer:
        arr = numpy_helper.to_array(init)
        if arr.shape == table.shape and np.array_equal(arr, table):
            rename_input(graph, init.name, name)
            found = True
        elif arr.shape == table.T.shape and np.array_equal(arr, table.T):
            for i, node in enumerate(graph.node):
                if node.op_type == "MatMul" and node.input[1] == init.name:
                    gemm = helper.make_node("Gemm", [node.input[0], name], list(node.output), name=node.name,
                                            transB=1)
                    graph.node.remove(node)
                    graph.node.insert(i, gemm)
            found = True
        else:
            keep.append(init)
    if not found:
        raise ValueError(f"{path}: no initializer matches the shared table")
    shared = numpy_helper.from_array(np.ascontiguousarray(table, dtype="<f4"), name)
    shared.ClearField("raw_data")
    shared.data_location = TensorProto.EXTERNAL
    for key, value in (("location", os.path.basename(data_file)), ("offset", "0"),
                       ("length", str(table.size * 4))):
        entry = shared.external_data.add()
        entry.key, entry.value = key, value
    del graph.initializer[:]
    graph.initializer.extend(keep + [shared])
    onnx.save(model, path)
    if not os.path.exists(data_file):
        with open(data_file, "wb") as f:
            f.write(np.ascontiguousarray(table, dtype="<f4").tobytes())
    onnx.checker.check_model(path)


def rename_input(graph, old, new):
    for node in graph.node:
        for i, x in enumerate(node.input):
            if x == old:
                node.input[i] = new


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def file_entry(package, rel, data=()):
    entry = {"file": rel, "sha256": sha256(os.path.join(package, rel))}
    if data:
        entry["data"] = [{"file": d, "sha256": sha256(os.path.join(package, d))} for d in data]
    return entry


def graph_data_files(package, rel):
    """External data files a graph references, relative to the package root."""
    model = onnx.load(os.path.join(package, rel), load_external_data=False)
    files = sorted({e.value for t in model.graph.initializer for e in t.external_data if e.key == "location"})
    return [os.path.join(os.path.dirname(rel), f) for f in files]


def to_json(obj, indent=""):
    """Indented JSON with every list of numbers/strings on one line (long id lists stay readable)."""
    inner = indent + " "
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = [f"{inner}{json.dumps(k)}: {to_json(v, inner)}" for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(obj, list) and any(isinstance(v, (dict, list)) for v in obj):
        return "[\n" + ",\n".join(inner + to_json(v, inner) for v in obj) + "\n" + indent + "]"
    return json.dumps(obj, ensure_ascii=False)


def write_json(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        f.write(to_json(obj) + "\n")


def write_manifest(package, manifest, graphs, speakers):
    """Fill in graph (with data files), tokenizer and speaker entries with SHA-256s; write the JSON."""
    manifest["graphs"] = {g: file_entry(package, rel, graph_data_files(package, rel)) for g, rel in graphs.items()}
    manifest["tokenizer"] = file_entry(package, "tokenizer.json")
    # speakers get a SHA-256 too (an addition to MODEL_PACKAGE.md's {"file"}): the JSON, its ref_mel as `data`
    manifest["speakers"] = {name: file_entry(package, f"speakers/{name}.json", [f"speakers/{name}.ref_mel.npy"])
                            for name in speakers}
    write_json(os.path.join(package, "omni-package.json"), manifest)


def decoder_inputs(gen, width, layers, kv_heads, head_dim, past, seq, pad=0):
    """Random decoder inputs: `pad` left-padded keys masked out, positions continuing after the past."""
    mask = torch.ones(1, past + seq, dtype=torch.int64)
    mask[:, :pad] = 0
    pos = (torch.arange(seq) + past).view(1, 1, seq).repeat(3, 1, 1)
    pos[1:] += torch.randint(0, 3, (2, 1, seq), generator=gen)  # distinct T/H/W rows exercise the mRoPE sections
    inputs = {"inputs_embeds": torch.randn(1, seq, width, generator=gen), "attention_mask": mask, "position_ids": pos}
    for i in range(layers):
        inputs[f"past_key_values.{i}.key"] = torch.randn(1, kv_heads, past, head_dim, generator=gen)
        inputs[f"past_key_values.{i}.value"] = torch.randn(1, kv_heads, past, head_dim, generator=gen)
    return inputs


def example_inputs(graph, variant, gen, dims):
    """Random inputs for one graph at one of VARIANTS[graph] lengths; variant 0 is the export trace.
    `dims` is the manifest's thinker / talker / token2wav sections."""
    th, tk, D = dims["thinker"], dims["talker"], dims["token2wav"]
    r = lambda *shape: torch.randn(*shape, generator=gen)  # noqa: E731
    if graph == "audio_encoder":
        return {"input_features": r(128, [437, 300, 200, 1100, 3][variant])}
    if graph == "vision_encoder":
        grid = [[1, 10, 18], [2, 8, 12], [1, 4, 4], [1, 16, 16]][variant]
        return {"pixel_values": r(int(np.prod(grid)), 1176), "grid_thw": torch.tensor([grid])}
    if graph in ("thinker_embed", "talker_embed"):
        if graph == "thinker_embed":
            return {"input_ids": torch.randint(0, th["vocab"], (1, [7, 1, 20][variant]), generator=gen)}
        return {"codec_ids": torch.randint(0, tk["vocab"], (1, [5, 1, 9][variant]), generator=gen)}
    if graph in ("thinker_decoder", "talker_decoder"):
        cfg = th if graph == "thinker_decoder" else tk
        width = th["hidden"] if graph == "thinker_decoder" else tk["embedding"]
        past, seq, pad = [(3, 4, 0), (0, 9, 0), (9, 1, 0), (5, 3, 2)][variant]
        return decoder_inputs(gen, width, cfg["layers"], cfg["kv_heads"], cfg["head_dim"], past, seq, pad)
    if graph == "spk_encoder":
        return {"ref_mel": r(1, [300, 240, 37][variant], D["mel_dim"]) - 5}
    if graph == "dit_condition":
        n = [30, 13, 1][variant]
        return {"codes": torch.randint(0, D["num_codes"], (1, n), generator=gen), "spk_cond": r(2, D["spk_cond_dim"]),
                "spk_emb": r(2, D["spk_emb_dim"])}
    if graph == "dit_step":
        frames = [60, 26, 126][variant]
        return {"x": r(1, frames, D["mel_dim"]), "cond_embeds": r(2, frames, D["dit_hidden"]),
                "t": torch.rand(1, generator=gen)}
    if graph == "bigvgan":
        return {"mel": r(1, D["mel_dim"], [20, 57, 3][variant]) - 4}
    raise KeyError(graph)


VARIANTS = {"audio_encoder": 5, "vision_encoder": 4, "thinker_embed": 3, "talker_embed": 3, "thinker_decoder": 4,
            "talker_decoder": 4, "spk_encoder": 3, "dit_condition": 3, "dit_step": 3, "bigvgan": 3}


def save_npy(path, array):
    """float16 stays '<f2', other floats become '<f4', integers '<i8' (npy v1.0, C order)."""
    array = np.asarray(array)
    dtype = ("<f2" if array.dtype == np.float16 else "<f4") if array.dtype.kind == "f" else "<i8"
    np.save(path, np.ascontiguousarray(array, dtype=dtype))


def ensure_ort_jar():
    if not os.path.exists(ORT_JAR):
        artifact = f"com.microsoft.onnxruntime:onnxruntime:{ORT_VERSION}"
        subprocess.run(["mvn", "-q", "dependency:get", f"-Dartifact={artifact}"], check=True)
    return ORT_JAR


def run_graphs_in_ort(cases):
    """cases: [(label, onnx path, {input: array})] -> [{output: array}]: with onnxruntime for Python
    when it is installed, else through one Java ONNX Runtime process."""
    try:
        import onnxruntime
    except ImportError:
        return run_graphs_in_java(cases)
    results = []
    for _, path, inputs in cases:
        session = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
        names = [o.name for o in session.get_outputs()]
        results.append(dict(zip(names, session.run(names, inputs))))
    return results


def run_graphs_in_java(cases):
    jar = ensure_ort_jar()
    work = tempfile.mkdtemp(prefix="ortrun-")
    try:
        lines = []
        for i, (_, path, inputs) in enumerate(cases):
            case_in, case_out = os.path.join(work, f"{i}.in"), os.path.join(work, f"{i}.out")
            os.makedirs(case_in)
            for name, array in inputs.items():
                save_npy(os.path.join(case_in, name + ".npy"), array)
            lines.append(f"{path} {case_in} {case_out}")
        jobs = os.path.join(work, "jobs.txt")
        with open(jobs, "w") as f:
            f.write("\n".join(lines) + "\n")
        subprocess.run(["java", "-cp", jar, os.path.join(HERE, "tools", "OrtRun.java"), jobs], check=True,
                       stdout=subprocess.DEVNULL)
        results = []
        for i in range(len(cases)):
            out_dir = os.path.join(work, f"{i}.out")
            results.append({f[:-4]: np.load(os.path.join(out_dir, f)) for f in os.listdir(out_dir)})
        return results
    finally:
        shutil.rmtree(work)


def compare_with_module(cases, tolerance=1e-4, per_tensor=()):
    """cases: [(label, onnx path, module, {input: tensor})]. Runs each graph in ONNX Runtime and its
    module in PyTorch; prints and returns the max error per case (see max_error; labels starting
    with a name in `per_tensor` are judged relative to each output's largest value); raises above
    `tolerance`."""
    ort = run_graphs_in_ort([(label, path, {k: v.numpy() for k, v in inputs.items()})
                             for label, path, _, inputs in cases])
    report, failed = [], []
    for (label, path, module, inputs), got in zip(cases, ort):
        with torch.no_grad():
            ref = module(*inputs.values())
        worst = max_error(ref, [got[name] for name, *_ in onnx_outputs(path)], label,
                          per_tensor=label.split(" ")[0] in per_tensor)
        print(f"  {label:<40s} max error {worst:.2e}", flush=True)
        report.append((label, worst))
        if worst > tolerance:
            failed.append(label)
    if failed:
        raise ValueError(f"graphs differ from their modules: {failed}")
    return report


def max_error(reference, got, label, per_tensor=False):
    """Largest |got - ref| / max(1, |ref|) over paired outputs (tensors or arrays); with per_tensor,
    / max(1, max |ref|) of each output instead (for float16 graphs, whose error scales with the
    largest activations rather than with each element)."""
    as_tuple = lambda x: (x,) if torch.is_tensor(x) or isinstance(x, np.ndarray) else tuple(x)  # noqa: E731
    worst = 0.0
    for r, g in zip(as_tuple(reference), as_tuple(got)):
        r = r.float().numpy() if torch.is_tensor(r) else np.asarray(r, dtype=np.float32)
        g = g.float().numpy() if torch.is_tensor(g) else np.asarray(g, dtype=np.float32)
        if g.shape != r.shape:
            raise ValueError(f"{label}: shape {g.shape} != reference {r.shape}")
        if r.size:
            scale = np.maximum(1.0, np.abs(r).max() if per_tensor else np.abs(r))
            worst = max(worst, float(np.max(np.abs(g - r) / scale)))
    return worst


def onnx_outputs(path):
    model = onnx.load(path, load_external_data=False)
    return [(o.name,) for o in model.graph.output]
