// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.pkg;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.TensorInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The inputs and outputs one graph must have (names, element types, ranks, fixed dims), and the
 * comparison with what a real ONNX Runtime session reports.
 */
public record GraphSignature(String graph, List<TensorSpec> inputs, List<TensorSpec> outputs) {

    public GraphSignature {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /**
     * Every way the session's inputs/outputs differ from this signature, one line each, ORT-style:
     * {@code input 'position_ids': expected tensor(int64) [3, B, S], found tensor(int32) [3, -1, -1]}.
     */
    public List<String> mismatches(Map<String, NodeInfo> graphInputs, Map<String, NodeInfo> graphOutputs) {
        List<String> problems = new ArrayList<>();
        compare("input", inputs, graphInputs, problems);
        compare("output", outputs, graphOutputs, problems);
        return problems;
    }

    private static void compare(String kind, List<TensorSpec> expected, Map<String, NodeInfo> found,
                                List<String> problems) {
        Map<String, TensorSpec> byName = new LinkedHashMap<>();
        expected.forEach(spec -> byName.put(spec.name(), spec));
        for (TensorSpec spec : expected) {
            NodeInfo node = found.get(spec.name());
            if (node == null) {
                problems.add("missing " + kind + " '" + spec.name() + "' (expected " + spec + "); the graph's "
                        + kind + "s are " + describe(found));
            } else if (!(node.getInfo() instanceof TensorInfo info)) {
                problems.add(kind + " '" + spec.name() + "': expected " + spec + ", found " + node.getInfo());
            } else if (!spec.accepts(info.onnxType, info.getShape())) {
                problems.add(kind + " '" + spec.name() + "': expected " + spec + ", found " + describe(node));
            }
        }
        for (String name : found.keySet()) {
            if (!byName.containsKey(name)) {
                problems.add("unexpected " + kind + " " + describe(found.get(name)) + "; expected " + kind
                        + "s are " + String.join(", ", byName.keySet()));
            }
        }
    }

    private static String describe(Map<String, NodeInfo> nodes) {
        return nodes.isEmpty() ? "none" : nodes.values().stream().map(GraphSignature::describe)
                .collect(Collectors.joining(", "));
    }

    private static String describe(NodeInfo node) {
        if (node.getInfo() instanceof TensorInfo info) {
            return node.getName() + " " + TensorSpec.typeName(info.onnxType) + " " + Arrays.toString(info.getShape());
        }
        return node.getName() + " " + node.getInfo();
    }
}
