// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * numpy {@code .npy} files of little-endian float32 ({@code <f4}): what the reference data uses
 * and what {@code omnidesk features} writes. Reads format versions 1–3, C or Fortran order
 * (returned in C order); writes version 1.0, C order.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** A float32 array in C (row-major) order. */
    public record Array(int[] shape, float[] data) {
        public Array {
            shape = shape.clone();
            long count = elementCount(shape);
            if (count != data.length) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + count
                        + " values, got " + data.length);
            }
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        public int dim(int axis) {
            return shape[axis];
        }
    }

    /** Writes {@code data} (C order) with the given shape as a version 1.0 {@code <f4} file. */
    public static void writeFloat32(Path file, float[] data, int... shape) throws IOException {
        new Array(shape, data);
        try (Writer out = Writer.open(file, shape)) {
            out.write(data);
        }
    }

    /**
     * Streams a {@code <f4} array whose shape is known up front (e.g. pixel_values of a long video,
     * written one temporal grid at a time so the whole tensor never sits on the heap).
     * {@link #close()} fails unless exactly the shape's element count was written.
     */
    public static final class Writer implements AutoCloseable {
        private final Path file;
        private final OutputStream out;
        private final long expected;
        private long written;

        private Writer(Path file, OutputStream out, long expected) {
            this.file = file;
            this.out = out;
            this.expected = expected;
        }

        public static Writer open(Path file, int... shape) throws IOException {
            long count = elementCount(shape);
            String dims = shape.length == 1 ? shape[0] + ","
                    : Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
            String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
            // Total header (10-byte preamble + dict + padding + '\n') is a multiple of 64, as numpy writes it.
            int unpadded = 10 + dict.length() + 1;
            int padded = (unpadded + 63) / 64 * 64;
            String header = dict + " ".repeat(padded - unpadded) + "\n";
            OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            try {
                out.write(MAGIC);
                out.write(new byte[] {1, 0, (byte) (header.length() & 0xff), (byte) (header.length() >>> 8)});
                out.write(header.getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                out.close();
                throw e;
            }
            return new Writer(file, out, count);
        }

        /** Appends the next {@code values} in C order. */
        public void write(float[] values) throws IOException {
            if (written + values.length > expected) {
                throw new IllegalStateException(file + ": more values than the declared shape holds (" + expected + ")");
            }
            LittleEndianFloats.write(out, values);
            written += values.length;
        }

        @Override
        public void close() throws IOException {
            out.close();
            if (written != expected) {
                throw new IOException(file + " got " + written + " values, its shape declares " + expected);
            }
        }
    }

    private static long elementCount(int[] shape) {
        long count = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            count *= d;
        }
        return count;
    }

    /** Reads a {@code <f4} array; other dtypes and malformed headers fail with the file name. */
    public static Array readFloat32(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, pre, file);
            pre.flip();
            byte[] magic = new byte[6];
            pre.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + " is not a .npy file (bad magic)");
            }
            int major = pre.get() & 0xff;
            pre.get();
            long headerLength;
            long dataStart;
            if (major == 1) {
                headerLength = pre.getShort() & 0xffff;
                dataStart = 10 + headerLength;
            } else if (major == 2 || major == 3) {
                headerLength = pre.getInt() & 0xffffffffL;
                dataStart = 12 + headerLength;
            } else {
                throw new IOException(file + " has unsupported .npy version " + major);
            }
            ByteBuffer head = ByteBuffer.allocate((int) headerLength);
            ch.position(dataStart - headerLength);
            readFully(ch, head, file);
            String header = new String(head.array(), StandardCharsets.ISO_8859_1);
            String descr = group(DESCR, header, file);
            if (!descr.equals("<f4")) {
                throw new IOException(file + " holds dtype " + descr + "; expected little-endian float32 (<f4)");
            }
            boolean fortran = group(FORTRAN, header, file).equals("True");
            int[] shape = parseShape(group(SHAPE, header, file), file);
            long count = 1;
            for (int d : shape) {
                count *= d;
            }
            if (count > Integer.MAX_VALUE - 8 || ch.size() - dataStart < count * 4) {
                throw new IOException(file + " is truncated or too large: shape " + Arrays.toString(shape)
                        + " needs " + count * 4 + " data bytes, file has " + (ch.size() - dataStart));
            }
            ByteBuffer body = ByteBuffer.allocate((int) count * 4).order(ByteOrder.LITTLE_ENDIAN);
            ch.position(dataStart);
            readFully(ch, body, file);
            body.flip();
            float[] data = new float[(int) count];
            body.asFloatBuffer().get(data);
            return new Array(shape, fortran ? fortranToC(data, shape) : data);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer dst, Path file) throws IOException {
        while (dst.hasRemaining()) {
            if (ch.read(dst) < 0) {
                throw new IOException(file + " is truncated (.npy header or data cut short)");
            }
        }
    }

    private static String group(Pattern p, String header, Path file) throws IOException {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IOException(file + " has a malformed .npy header: " + header.strip());
        }
        return m.group(1);
    }

    private static int[] parseShape(String text, Path file) throws IOException {
        String[] parts = text.split(",");
        int[] dims = new int[parts.length];
        int n = 0;
        for (String part : parts) {
            String s = part.strip();
            if (s.isEmpty()) {
                continue;
            }
            try {
                dims[n++] = Integer.parseInt(s.endsWith("L") ? s.substring(0, s.length() - 1) : s);
            } catch (NumberFormatException e) {
                throw new IOException(file + " has a malformed .npy shape: (" + text + ")", e);
            }
        }
        return Arrays.copyOf(dims, n);
    }

    /** Reorders column-major data to row-major for the same shape. */
    private static float[] fortranToC(float[] data, int[] shape) {
        int rank = shape.length;
        int[] fStride = new int[rank];
        int stride = 1;
        for (int axis = 0; axis < rank; axis++) {
            fStride[axis] = stride;
            stride *= shape[axis];
        }
        float[] out = new float[data.length];
        int[] index = new int[rank];
        for (int i = 0; i < out.length; i++) {
            int src = 0;
            for (int axis = 0; axis < rank; axis++) {
                src += index[axis] * fStride[axis];
            }
            out[i] = data[src];
            for (int axis = rank - 1; axis >= 0; axis--) {
                if (++index[axis] < shape[axis]) {
                    break;
                }
                index[axis] = 0;
            }
        }
        return out;
    }
}
