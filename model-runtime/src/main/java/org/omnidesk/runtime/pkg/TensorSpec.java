// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.pkg;

import ai.onnxruntime.TensorInfo.OnnxTensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One input or output of a graph as the contract states it: name, element type and dimensions, each
 * either symbolic (any size) or fixed. Printed ONNX-style: {@code position_ids tensor(int64) [3, B, S]}.
 */
public record TensorSpec(String name, OnnxTensorType type, List<Dim> dims) {

    /** A dimension: a fixed size, or a symbol (size {@value #SYMBOLIC}) that matches any size. */
    public record Dim(String symbol, long size) {
        public static final long SYMBOLIC = -1;

        public static Dim fixed(long size) {
            return new Dim(Long.toString(size), size);
        }

        public static Dim symbol(String symbol) {
            return new Dim(symbol, SYMBOLIC);
        }

        /** Whether a graph dimension ({@code -1} when the graph leaves it symbolic) fits this one. */
        boolean accepts(long graphDim) {
            return size == SYMBOLIC || graphDim < 0 || graphDim == size;
        }
    }

    public TensorSpec {
        dims = List.copyOf(dims);
    }

    /** Builds a spec from dims written as Integer (fixed) or String (symbolic). */
    static TensorSpec of(String name, OnnxTensorType type, Object... dims) {
        List<Dim> list = new ArrayList<>();
        for (Object d : dims) {
            list.add(d instanceof Integer size ? Dim.fixed(size) : Dim.symbol((String) d));
        }
        return new TensorSpec(name, type, list);
    }

    public int rank() {
        return dims.size();
    }

    /** Whether a graph tensor of this element type and shape (symbolic dims as -1) satisfies the spec. */
    public boolean accepts(OnnxTensorType graphType, long[] graphShape) {
        if (graphType != type || graphShape.length != dims.size()) {
            return false;
        }
        for (int i = 0; i < graphShape.length; i++) {
            if (!dims.get(i).accepts(graphShape[i])) {
                return false;
            }
        }
        return true;
    }

    /** {@code tensor(float16)} style name of an element type. */
    public static String typeName(OnnxTensorType type) {
        return "tensor(" + type.name().replace("ONNX_TENSOR_ELEMENT_DATA_TYPE_", "").toLowerCase(Locale.ROOT) + ")";
    }

    @Override
    public String toString() {
        return name + " " + typeName(type) + " "
                + dims.stream().map(Dim::symbol).collect(Collectors.joining(", ", "[", "]"));
    }
}
