// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Server-sent events (WHATWG HTML §9.2) from a byte stream, however the bytes are split across
 * reads: lines end in LF, CRLF or CR; {@code data:} lines (one optional space after the colon)
 * of one event are joined with LF; a blank line dispatches; {@code :} comments and other fields
 * are skipped; an event cut off by the end of the stream is dropped, as the spec says.
 */
final class SseReader {

    /** One dispatched event; {@code type} is "message" unless an {@code event:} field said otherwise. */
    record Event(String type, String data) {}

    private final InputStream in;
    private final long maxEventBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int pos;
    private int limit;
    private boolean skipLf;

    SseReader(InputStream in, long maxEventBytes) {
        this.in = in;
        this.maxEventBytes = maxEventBytes;
    }

    /** The next event, or empty at the end of the stream. */
    Optional<Event> next() throws IOException {
        StringBuilder data = null;
        String type = "message";
        long size = 0;
        for (String line = readLine(); line != null; line = readLine()) {
            if (line.isEmpty()) {
                if (data != null) {
                    return Optional.of(new Event(type, data.toString()));
                }
                type = "message";
                continue;
            }
            size += line.length();
            if (size > maxEventBytes) {
                throw new IOException("a server-sent event is larger than " + maxEventBytes + " bytes");
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1 + (line.startsWith(" ", colon + 1) ? 1 : 0));
            if (field.equals("data")) {
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            } else if (field.equals("event")) {
                type = value;
            }
        }
        return Optional.empty();
    }

    /** One line without its terminator, decoded as UTF-8 (LF and CR never occur inside a UTF-8 sequence). */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = null;
        while (true) {
            if (pos == limit && !fill()) {
                return line == null ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (skipLf) {
                skipLf = false;
                if (buffer[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            int start = pos;
            while (pos < limit && buffer[pos] != '\n' && buffer[pos] != '\r') {
                pos++;
            }
            if (line == null) {
                line = new ByteArrayOutputStream(Math.max(64, pos - start));
            }
            line.write(buffer, start, pos - start);
            if (line.size() > maxEventBytes) {
                throw new IOException("a server-sent event line is larger than " + maxEventBytes + " bytes");
            }
            if (pos < limit) {
                skipLf = buffer[pos] == '\r';
                pos++;
                return line.toString(StandardCharsets.UTF_8);
            }
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }
}
