# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes add_one.onnx: y = x + 1 over float32 [N]. The smallest real graph a session can run.
Regenerate with Debian's python3-onnx: /usr/bin/python3 make_add_one.py"""
import os
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

one = numpy_helper.from_array(np.array([1.0], dtype=np.float32), "one")
graph = helper.make_graph(
    [helper.make_node("Add", ["x", "one"], ["y"])], "add_one",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N"])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N"])], [one])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="omnidesk-tests")
model.ir_version = 8
onnx.checker.check_model(model)
onnx.save(model, os.path.join(os.path.dirname(os.path.abspath(__file__)), "add_one.onnx"))
