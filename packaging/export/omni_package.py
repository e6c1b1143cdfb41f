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

F32, I64 = TensorProto.FLOAT, TensorProto.INT64


def kv_io(prefix, layers, past_axis):
    io = []
    for i in range(layers):
        for kind in ("key", "value"):
            io.append((f"{prefix}.{i}.{kind}", F32, {0: "batch", 2: past_axis}, 4))
    return io


def graph_io(thinker_layers, talker_layers):
    """graph -> (inputs, outputs), each a list of (name, dtype, dynamic axes, rank), per the contract."""
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
    """Fill in graphs (with data files), tokenizer and speaker entries with SHA-256s; write the JSON."""
    manifest["graphs"] = {g: file_entry(package, rel, graph_data_files(package, rel)) for g, rel in graphs.items()}
    manifest["tokenizer"] = file_entry(package, "tokenizer.json")
    manifest["speakers"] = {name: {"file": f"speakers/{name}.json"} for name in speakers}
    write_json(os.path.join(package, "omni-package.json"), manifest)


def save_npy(path, array):
    array = np.asarray(array)
    dtype = "<f4" if array.dtype.kind == "f" else "<i8"
    np.save(path, np.ascontiguousarray(array, dtype=dtype))


def ensure_ort_jar():
    if not os.path.exists(ORT_JAR):
        subprocess.run(["mvn", "-q", "dependency:get", f"-Dartifact=com.microsoft.onnxruntime:onnxruntime:{ORT_VERSION}"],
                       check=True)
    return ORT_JAR


def run_graphs_in_ort(cases):
    """cases: [(label, onnx path, {input: array})] -> [{output: array}] via one Java ORT process."""
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


def compare_with_module(cases, tolerance=1e-4):
    """cases: [(label, onnx path, module, {input: tensor})]. Runs each graph in ONNX Runtime and its
    module in PyTorch; prints and returns the max abs error per case; raises above `tolerance`
    (relative to max(1, |reference|) so large logits are judged fairly)."""
    ort = run_graphs_in_ort([(label, path, {k: v.numpy() for k, v in inputs.items()})
                             for label, path, _, inputs in cases])
    report, failed = [], []
    for (label, path, module, inputs), got in zip(cases, ort):
        with torch.no_grad():
            ref = module(*inputs.values())
        ref = ref if isinstance(ref, tuple) else (ref,)
        names = [n for n, *_ in onnx_outputs(path)]
        worst = 0.0
        for name, r in zip(names, ref):
            r = r.numpy()
            g = got[name]
            if g.shape != r.shape:
                raise ValueError(f"{label}: {name} shape {g.shape} != module {r.shape}")
            if r.size:
                worst = max(worst, float(np.max(np.abs(g - r) / np.maximum(1.0, np.abs(r)))))
        print(f"  {label:<40s} max error {worst:.2e}")
        report.append((label, worst))
        if worst > tolerance:
            failed.append(label)
    if failed:
        raise ValueError(f"graphs differ from their modules: {failed}")
    return report


def onnx_outputs(path):
    model = onnx.load(path, load_external_data=False)
    return [(o.name,) for o in model.graph.output]
