# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the small ONNX graphs the package tests load: one per graph of MODEL_PACKAGE.md with the
contract's input/output names, ranks and element types (tiny sizes: D=8, 2 layers, 2 kv heads of 4),
plus two broken variants. Run with Debian's python3 + python3-onnx; writes into graphs/ beside this script:
    /usr/bin/python3 make_graphs.py
The graphs compute something cheap and runnable; only their signatures matter to the tests."""
import os

import numpy as np
import onnx
from onnx import TensorProto as TP
from onnx import helper as h
from onnx import numpy_helper

D, KV, HD, V, LAYERS, MEL, C_SPK, E_SPK, H_DIT = 8, 2, 4, 16, 2, 80, 4, 6, 8
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "graphs")
rng = np.random.default_rng(0)


def weight(name, *shape):
    return numpy_helper.from_array(rng.standard_normal(shape).astype(np.float32), name)


def const_i64(name, values):
    return numpy_helper.from_array(np.array(values, dtype=np.int64), name)


def save(path, nodes, inputs, outputs, inits):
    graph = h.make_graph(nodes, path.removesuffix(".onnx"), inputs, outputs, inits)
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", 17)], producer_name="omnidesk-test")
    model.ir_version = 8
    onnx.checker.check_model(model, full_check=True)
    onnx.save(model, os.path.join(OUT, path))


def io(name, elem, dims):
    return h.make_tensor_value_info(name, elem, dims)


def audio_encoder(path="audio_encoder.onnx", input_name="input_features"):
    save(path,
         [h.make_node("Transpose", [input_name], ["t"], perm=[1, 0]),
          h.make_node("MatMul", ["t", "w"], ["audio_embeds"])],
         [io(input_name, TP.FLOAT, [128, "N"])],
         [io("audio_embeds", TP.FLOAT, ["n", D])],
         [weight("w", 128, D)])


def vision_encoder():
    # mean over the 1176 patch values times a [D] row, plus 0*sum(grid) so that grid_thw is consumed.
    save("vision_encoder.onnx",
         [h.make_node("ReduceMean", ["pixel_values"], ["pm"], axes=[1], keepdims=1),
          h.make_node("Mul", ["pm", "w"], ["m"]),
          h.make_node("ReduceSum", ["grid_thw"], ["gs"], keepdims=0),
          h.make_node("Cast", ["gs"], ["gf"], to=TP.FLOAT),
          h.make_node("Mul", ["gf", "zero"], ["g0"]),
          h.make_node("Add", ["m", "g0"], ["vision_embeds"])],
         [io("pixel_values", TP.FLOAT, ["P", 1176]), io("grid_thw", TP.INT64, [1, 3])],
         [io("vision_embeds", TP.FLOAT, ["Q", D])],
         [weight("w", D), numpy_helper.from_array(np.zeros((), np.float32), "zero")])


def embed(path, ids, out, ids_type=TP.INT64):
    nodes = [h.make_node("Gather", ["table", ids if ids_type == TP.INT64 else "ids64"], [out], axis=0)]
    if ids_type != TP.INT64:
        nodes.insert(0, h.make_node("Cast", [ids], ["ids64"], to=TP.INT64))
    save(path, nodes, [io(ids, ids_type, ["B", "S"])], [io(out, TP.FLOAT, ["B", "S", D])], [weight("table", V, D)])


def decoder(path, with_hidden):
    # present_i = concat(past_i, heads(inputs_embeds)) on the time axis; logits = last row x W.
    nodes = [h.make_node("Reshape", ["inputs_embeds", "heads_shape"], ["e4"]),
             h.make_node("Transpose", ["e4"], ["kv_new"], perm=[0, 2, 1, 3]),
             h.make_node("Slice", ["inputs_embeds", "last_start", "last_end", "axis1"], ["last"]),
             h.make_node("MatMul", ["last", "lm"], ["logits0"]),
             # attention_mask and position_ids enter as 0 so the graph consumes every input
             h.make_node("ReduceSum", ["attention_mask"], ["ms"], keepdims=0),
             h.make_node("ReduceSum", ["position_ids"], ["ps"], keepdims=0),
             h.make_node("Add", ["ms", "ps"], ["mps"]),
             h.make_node("Cast", ["mps"], ["mpf"], to=TP.FLOAT),
             h.make_node("Mul", ["mpf", "zero"], ["mp0"]),
             h.make_node("Add", ["logits0", "mp0"], ["logits"])]
    inputs = [io("inputs_embeds", TP.FLOAT, ["B", "S", D]),
              io("attention_mask", TP.INT64, ["B", "T"]),
              io("position_ids", TP.INT64, [3, "B", "S"])]
    outputs = [io("logits", TP.FLOAT, ["B", 1, V])]
    if with_hidden:
        nodes.append(h.make_node("Identity", ["inputs_embeds"], ["hidden_states"]))
        outputs.append(io("hidden_states", TP.FLOAT, ["B", "S", D]))
    for i in range(LAYERS):
        for kind in ("key", "value"):
            past, present = f"past_key_values.{i}.{kind}", f"present.{i}.{kind}"
            inputs.append(io(past, TP.FLOAT, ["B", KV, "P", HD]))
            outputs.append(io(present, TP.FLOAT, ["B", KV, "T", HD]))
            nodes.append(h.make_node("Concat", [past, "kv_new"], [present], axis=2))
    save(path, nodes, inputs, outputs,
         [const_i64("heads_shape", [0, 0, KV, HD]), const_i64("last_start", [-1]),
          const_i64("last_end", [np.iinfo(np.int64).max]), const_i64("axis1", [1]), weight("lm", D, V),
          numpy_helper.from_array(np.zeros((), np.float32), "zero")])


def spk_encoder():
    save("spk_encoder.onnx",
         [h.make_node("ReduceMean", ["ref_mel"], ["m"], axes=[1], keepdims=0),
          h.make_node("MatMul", ["m", "w"], ["spk_cond"])],
         [io("ref_mel", TP.FLOAT, [1, "T", MEL])],
         [io("spk_cond", TP.FLOAT, [1, C_SPK])],
         [weight("w", MEL, C_SPK)])


def dit_condition():
    # [1,N,H] code rows repeated twice on time (2N), plus per-row speaker terms [2,1,H].
    save("dit_condition.onnx",
         [h.make_node("Gather", ["table", "codes"], ["g"], axis=0),
          h.make_node("Concat", ["g", "g"], ["g2"], axis=1),
          h.make_node("MatMul", ["spk_cond", "wc"], ["sc"]),
          h.make_node("MatMul", ["spk_emb", "we"], ["se"]),
          h.make_node("Add", ["sc", "se"], ["s"]),
          h.make_node("Unsqueeze", ["s", "axis1"], ["s3"]),
          h.make_node("Add", ["g2", "s3"], ["cond_embeds"])],
         [io("codes", TP.INT64, [1, "N"]), io("spk_cond", TP.FLOAT, [2, C_SPK]), io("spk_emb", TP.FLOAT, [2, E_SPK])],
         [io("cond_embeds", TP.FLOAT, [2, "M", H_DIT])],
         [weight("table", 32, H_DIT), weight("wc", C_SPK, H_DIT), weight("we", E_SPK, H_DIT), const_i64("axis1", [1])])


def dit_step():
    save("dit_step.onnx",
         [h.make_node("MatMul", ["cond_embeds", "w"], ["c"]),
          h.make_node("Add", ["c", "x"], ["cx"]),
          h.make_node("Add", ["cx", "t"], ["velocity"])],
         [io("x", TP.FLOAT, [1, "T", MEL]), io("cond_embeds", TP.FLOAT, [2, "T", H_DIT]), io("t", TP.FLOAT, [1])],
         [io("velocity", TP.FLOAT, [2, "T", MEL])],
         [weight("w", H_DIT, MEL)])


def bigvgan():
    # each mel frame's mean repeated for its 240 samples: [1,80,T] -> [1,1,T] -> [1,240,T] -> [1,T,240] -> [1,240T]
    save("bigvgan.onnx",
         [h.make_node("ReduceMean", ["mel"], ["m"], axes=[1], keepdims=1),
          h.make_node("Expand", ["m", "hop"], ["e"]),
          h.make_node("Transpose", ["e"], ["t"], perm=[0, 2, 1]),
          h.make_node("Reshape", ["t", "flat"], ["waveform"])],
         [io("mel", TP.FLOAT, [1, MEL, "T"])],
         [io("waveform", TP.FLOAT, [1, "W"])],
         [const_i64("hop", [1, 240, 1]), const_i64("flat", [1, -1])])


audio_encoder()
vision_encoder()
embed("thinker_embed.onnx", "input_ids", "inputs_embeds")
decoder("thinker_decoder.onnx", with_hidden=True)
embed("talker_embed.onnx", "codec_ids", "codec_embeds")
decoder("talker_decoder.onnx", with_hidden=False)
spk_encoder()
dit_condition()
dit_step()
bigvgan()
# Broken variants for the refusal tests.
audio_encoder("audio_encoder_wrong_input_name.onnx", input_name="features")
embed("thinker_embed_int32_ids.onnx", "input_ids", "inputs_embeds", ids_type=TP.INT32)
