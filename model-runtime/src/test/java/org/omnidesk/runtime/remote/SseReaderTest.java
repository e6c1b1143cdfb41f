// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    /** Serves the bytes in reads of the given sizes, cycling: how TCP may split a stream. */
    private static InputStream split(byte[] bytes, int... sizes) {
        return new InputStream() {
            int at;
            int turn;

            @Override
            public int read() {
                return at < bytes.length ? bytes[at++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at >= bytes.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, sizes[turn++ % sizes.length]), bytes.length - at);
                System.arraycopy(bytes, at, b, off, n);
                at += n;
                return n;
            }
        };
    }

    private static List<SseReader.Event> all(InputStream in) throws IOException {
        SseReader reader = new SseReader(in, 1 << 20);
        List<SseReader.Event> events = new ArrayList<>();
        for (Optional<SseReader.Event> e = reader.next(); e.isPresent(); e = reader.next()) {
            events.add(e.get());
        }
        return events;
    }

    private static final String STREAM = ": keep-alive comment\n"
            + "data: {\"a\":1}\n\n"
            + "data:{\"b\":\"ü€😀\"}\r\n\r\n"
            + "event: ping\rdata: first\rdata:  second\r\r"
            + "id: 7\nretry: 100\ndata\n\n"
            + "data: [DONE]\n\n";

    private static final List<SseReader.Event> EXPECTED = List.of(
            new SseReader.Event("message", "{\"a\":1}"),
            new SseReader.Event("message", "{\"b\":\"ü€😀\"}"),
            new SseReader.Event("ping", "first\n second"),
            new SseReader.Event("message", ""),
            new SseReader.Event("message", "[DONE]"));

    @Test
    void parsesEveryLineEndingFieldAndCommentOfTheSpec() throws IOException {
        assertEquals(EXPECTED, all(new ByteArrayInputStream(STREAM.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void theSameEventsHoweverTheBytesAreSplit() throws IOException {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        assertEquals(EXPECTED, all(split(bytes, 1)), "one byte per read (splits UTF-8 and CRLF)");
        Random random = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            int[] sizes = random.ints(5, 1, 12).toArray();
            assertEquals(EXPECTED, all(split(bytes, sizes)), "reads of " + java.util.Arrays.toString(sizes));
        }
    }

    @Test
    void anEventCutOffByTheEndOfTheStreamIsDropped() throws IOException {
        byte[] bytes = "data: whole\n\ndata: half".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of(new SseReader.Event("message", "whole")), all(new ByteArrayInputStream(bytes)));
    }

    @Test
    void refusesAnEventLargerThanTheLimit() {
        byte[] bytes = ("data: " + "x".repeat(5000) + "\n\n").getBytes(StandardCharsets.UTF_8);
        SseReader reader = new SseReader(split(bytes, 100), 1000);
        assertThrows(IOException.class, reader::next);
    }

    @Test
    void aLargeEventAcrossManyReadsArrivesWhole() throws IOException {
        String big = "y".repeat(300_000);
        byte[] bytes = ("data: " + big + "\n\n").getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of(new SseReader.Event("message", big)), all(split(bytes, 4093, 17, 65536)));
    }
}
