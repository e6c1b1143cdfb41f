// SPDX-License-Identifier: Apache-2.0
// Runs ONNX graphs with the Java ONNX Runtime on .npy inputs and writes .npy outputs, so the Python
// exporters can check their graphs without onnxruntime for Python.
// Usage: java -cp onnxruntime.jar OrtRun.java JOBS_FILE
// Each line of JOBS_FILE: "<model.onnx> <input dir> <output dir>"; every model input <name> is read
// from <input dir>/<name>.npy ('<f4', '<f2' or '<i8', C order, npy v1.0) and every output is
// written to <output dir>/<name>.npy. Models are loaded from their path, so external data resolves.
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class OrtRun {
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    public static void main(String[] args) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.isBlank()) {
                continue;
            }
            String[] job = line.trim().split("\\s+");
            Path inDir = Path.of(job[1]);
            Path outDir = Files.createDirectories(Path.of(job[2]));
            try (OrtSession.SessionOptions opts = options();
                    OrtSession session = env.createSession(job[0], opts)) {
                Map<String, OnnxTensor> inputs = new HashMap<>();
                for (String name : session.getInputNames()) {
                    inputs.put(name, readNpy(env, inDir.resolve(name + ".npy")));
                }
                try (OrtSession.Result result = session.run(inputs)) {
                    for (Map.Entry<String, OnnxValue> out : result) {
                        writeNpy(outDir.resolve(out.getKey() + ".npy"), (OnnxTensor) out.getValue());
                    }
                }
                for (OnnxTensor t : inputs.values()) {
                    t.close();
                }
            }
            System.out.println("ran " + job[0] + " on " + inDir);
        }
    }

    /** -Dort.opt=NO_OPT|BASIC_OPT|EXTENDED_OPT|ALL_OPT (default ALL_OPT, as the runtime). */
    static OrtSession.SessionOptions options() throws Exception {
        OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
        opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.valueOf(System.getProperty("ort.opt", "ALL_OPT")));
        return opts;
    }

    static OnnxTensor readNpy(OrtEnvironment env, Path path) throws Exception {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen = buf.getShort(8) & 0xffff;
        String header = new String(buf.array(), 10, headerLen, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !s.find() || header.contains("'fortran_order': True")) {
            throw new IOException("unsupported npy header in " + path + ": " + header);
        }
        String[] dims = s.group(1).split(",");
        long[] shape = java.util.Arrays.stream(dims).map(String::trim).filter(x -> !x.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        ByteBuffer data = buf.position(10 + headerLen).slice().order(ByteOrder.LITTLE_ENDIAN);
        switch (d.group(1)) {
            case "<f4":
                return OnnxTensor.createTensor(env, data.asFloatBuffer(), shape);
            case "<i8":
                return OnnxTensor.createTensor(env, data.asLongBuffer(), shape);
            case "<f2":
                return OnnxTensor.createTensor(env, data.asShortBuffer(), shape, OnnxJavaType.FLOAT16);
            default:
                throw new IOException("unsupported dtype " + d.group(1) + " in " + path);
        }
    }

    static void writeNpy(Path path, OnnxTensor t) throws IOException {
        long[] shape = t.getInfo().getShape();
        StringBuilder dims = new StringBuilder();
        for (long x : shape) {
            dims.append(x).append(", ");
        }
        String shapeText = shape.length == 1 ? shape[0] + "," : dims.toString().replaceAll(", $", "");
        OnnxJavaType type = t.getInfo().type;
        String descr = type == OnnxJavaType.FLOAT ? "<f4" : type == OnnxJavaType.FLOAT16 ? "<f2" : "<i8";
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + shapeText + "), }";
        int pad = 64 - (10 + header.length() + 1) % 64;
        header = header + " ".repeat(pad % 64) + "\n";
        ByteBuffer body;
        if (type == OnnxJavaType.FLOAT16) {
            body = t.getByteBuffer();
        } else if (type == OnnxJavaType.FLOAT) {
            java.nio.FloatBuffer fb = t.getFloatBuffer();
            body = ByteBuffer.allocate(fb.remaining() * 4).order(ByteOrder.LITTLE_ENDIAN);
            body.asFloatBuffer().put(fb);
        } else {
            java.nio.LongBuffer lb = t.getLongBuffer();
            body = ByteBuffer.allocate(lb.remaining() * 8).order(ByteOrder.LITTLE_ENDIAN);
            body.asLongBuffer().put(lb);
        }
        ByteBuffer head = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        head.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        head.putShort((short) header.length());
        Files.write(path, concat(List.of(head.array(), header.getBytes(StandardCharsets.ISO_8859_1),
                body.array())));
    }

    static byte[] concat(List<byte[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        ByteBuffer all = ByteBuffer.allocate(n);
        parts.forEach(all::put);
        return all.array();
    }
}
