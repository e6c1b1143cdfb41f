// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads float32 little-endian C-order .npy files (numpy format 1.0): speaker mels, injected noise. */
public final class Npy {

    /** Values and shape. */
    public record Array(float[] data, int[] shape) {}

    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    public static Array read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.get(0) != (byte) 0x93 || b.get(6) != 1) {
            throw new IOException(file + ": not a version 1.0 .npy file");
        }
        int headerLength = Short.toUnsignedInt(b.getShort(8));
        String header = new String(b.array(), 10, headerLength, StandardCharsets.US_ASCII);
        if (!header.contains("'descr': '<f4'") || !header.contains("'fortran_order': False")) {
            throw new IOException(file + ": expected little-endian float32 in C order, header " + header);
        }
        Matcher m = SHAPE.matcher(header);
        if (!m.find()) {
            throw new IOException(file + ": no shape in header " + header);
        }
        int[] shape = Arrays.stream(m.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
        b.position(10 + headerLength);
        float[] data = new float[b.remaining() / 4];
        b.asFloatBuffer().get(data);
        return new Array(data, shape);
    }
}
