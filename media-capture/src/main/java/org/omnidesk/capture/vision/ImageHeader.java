// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.vision;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.omnidesk.capture.api.MediaException;
import org.omnidesk.capture.api.MediaException.Kind;

/**
 * Format, size and EXIF orientation of an image file, read from its header only, so that absurd
 * sizes are refused before any pixel is decoded.
 *
 * @param orientation EXIF orientation 1…8 (1 = as stored); only JPEG carries one here
 */
public record ImageHeader(Format format, int width, int height, int orientation) {

    public enum Format { PNG, JPEG, WEBP, BMP, GIF }

    public ImageHeader {
        if (orientation < 1 || orientation > 8) {
            orientation = 1;
        }
    }

    /** Width and height as displayed (orientations 5–8 swap the sides). */
    public Size displaySize() {
        return orientation >= 5 ? new Size(width, height) : new Size(height, width);
    }

    /** The image format this file starts with, or empty when it is not one ImageLoader reads. */
    public static Optional<Format> sniff(Path path) throws MediaException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return formatOf(Reader.prefix(ch, 16));
        } catch (IOException e) {
            throw new MediaException(Kind.NOT_FOUND, path, e.getMessage(), e);
        }
    }

    /** Reads the header; unknown formats, damaged headers and non-positive sizes fail with a typed error. */
    public static ImageHeader read(Path path) throws MediaException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            byte[] head = Reader.prefix(ch, 32);
            Format format = formatOf(head).orElseThrow(() -> unknown(path, head));
            Reader r = new Reader(ch);
            ImageHeader header = switch (format) {
                case PNG -> new ImageHeader(format, r.intBE(16), r.intBE(20), 1);
                case GIF -> new ImageHeader(format, r.u16LE(6), r.u16LE(8), 1);
                case BMP -> bmp(r);
                case WEBP -> webp(r);
                case JPEG -> jpeg(r);
            };
            if (header.width() <= 0 || header.height() <= 0) {
                throw new MediaException(Kind.CORRUPT, path, "header gives size " + header.width() + "x"
                        + header.height());
            }
            return header;
        } catch (EOFException e) {
            throw new MediaException(Kind.CORRUPT, path, "header cut short", e);
        } catch (IOException e) {
            throw new MediaException(Kind.NOT_FOUND, path, e.getMessage(), e);
        }
    }

    private static Optional<Format> formatOf(byte[] h) {
        if (starts(h, 0, (byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G')) {
            return Optional.of(Format.PNG);
        }
        if (starts(h, 0, (byte) 0xFF, (byte) 0xD8, (byte) 0xFF)) {
            return Optional.of(Format.JPEG);
        }
        if (ascii(h, 0, "GIF87a") || ascii(h, 0, "GIF89a")) {
            return Optional.of(Format.GIF);
        }
        if (ascii(h, 0, "BM")) {
            return Optional.of(Format.BMP);
        }
        if (ascii(h, 0, "RIFF") && ascii(h, 8, "WEBP")) {
            return Optional.of(Format.WEBP);
        }
        return Optional.empty();
    }

    /** A recognisable but unsupported format (TIFF, HEIC/AVIF, a video) is UNSUPPORTED; anything else NOT_MEDIA. */
    private static MediaException unknown(Path path, byte[] h) {
        boolean tiff = ascii(h, 0, "II*\0") || ascii(h, 0, "MM\0*");
        boolean isoMedia = ascii(h, 4, "ftyp");
        if (tiff || isoMedia || ascii(h, 0, "RIFF")) {
            return new MediaException(Kind.UNSUPPORTED, path, "not PNG, JPEG, WebP, BMP or GIF");
        }
        return new MediaException(Kind.NOT_MEDIA, path, "no image signature");
    }

    private static ImageHeader bmp(Reader r) throws IOException {
        int dib = r.intLE(14);
        if (dib == 12) { // OS/2 BITMAPCOREHEADER: 16-bit sides
            return new ImageHeader(Format.BMP, r.u16LE(18), r.u16LE(20), 1);
        }
        // Negative height = top-down rows.
        return new ImageHeader(Format.BMP, r.intLE(18), Math.abs(r.intLE(22)), 1);
    }

    private static ImageHeader webp(Reader r) throws IOException {
        String chunk = r.ascii(12, 4);
        return switch (chunk) {
            case "VP8 " -> new ImageHeader(Format.WEBP, r.u16LE(26) & 0x3FFF, r.u16LE(28) & 0x3FFF, 1);
            case "VP8L" -> {
                int bits = r.intLE(21);
                yield new ImageHeader(Format.WEBP, (bits & 0x3FFF) + 1, ((bits >>> 14) & 0x3FFF) + 1, 1);
            }
            case "VP8X" -> new ImageHeader(Format.WEBP, r.u24LE(24) + 1, r.u24LE(27) + 1, 1);
            default -> new ImageHeader(Format.WEBP, 0, 0, 1);
        };
    }

    /** Walks the marker segments up to the first SOFn; picks up the EXIF orientation on the way. */
    private static ImageHeader jpeg(Reader r) throws IOException {
        long pos = 2;
        int orientation = 1;
        while (true) {
            int marker = r.u8(pos + 1);
            if (r.u8(pos) != 0xFF) {
                return new ImageHeader(Format.JPEG, 0, 0, 1);
            }
            if (marker == 0xFF) { // fill byte
                pos++;
                continue;
            }
            int length = r.u16BE(pos + 2);
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                return new ImageHeader(Format.JPEG, r.u16BE(pos + 7), r.u16BE(pos + 5), orientation);
            }
            if (marker == 0xE1 && length > 14 && r.ascii(pos + 4, 6).equals("Exif\0\0")) {
                orientation = exifOrientation(r, pos + 10);
            }
            pos += 2 + length;
        }
    }

    /** Tag 0x0112 in IFD0 of the TIFF structure at {@code tiff}; 1 when absent. */
    private static int exifOrientation(Reader r, long tiff) throws IOException {
        boolean little = r.ascii(tiff, 2).equals("II");
        long ifd = tiff + (little ? r.intLE(tiff + 4) : r.intBE(tiff + 4));
        int entries = little ? r.u16LE(ifd) : r.u16BE(ifd);
        for (int i = 0; i < entries; i++) {
            long e = ifd + 2 + 12L * i;
            int tag = little ? r.u16LE(e) : r.u16BE(e);
            if (tag == 0x0112) {
                return little ? r.u16LE(e + 8) : r.u16BE(e + 8);
            }
        }
        return 1;
    }

    private static boolean starts(byte[] h, int at, byte... sig) {
        if (h.length < at + sig.length) {
            return false;
        }
        for (int i = 0; i < sig.length; i++) {
            if (h[at + i] != sig[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] h, int at, String sig) {
        return starts(h, at, sig.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Random-access little reads from the file; a read past the end is an {@link EOFException}. */
    private static final class Reader {
        private final FileChannel ch;

        Reader(FileChannel ch) {
            this.ch = ch;
        }

        static byte[] prefix(FileChannel ch, int n) throws IOException {
            ByteBuffer b = ByteBuffer.allocate((int) Math.min(n, ch.size()));
            while (b.hasRemaining() && ch.read(b, b.position()) > 0) {
                // keep reading until the prefix is full or the file ends
            }
            return b.array();
        }

        ByteBuffer bytes(long pos, int n) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(n);
            while (b.hasRemaining()) {
                if (ch.read(b, pos + b.position()) < 0) {
                    throw new EOFException();
                }
            }
            return b.flip();
        }

        int u8(long pos) throws IOException {
            return bytes(pos, 1).get() & 0xFF;
        }

        int u16BE(long pos) throws IOException {
            return bytes(pos, 2).getShort() & 0xFFFF;
        }

        int u16LE(long pos) throws IOException {
            return bytes(pos, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF;
        }

        int u24LE(long pos) throws IOException {
            ByteBuffer b = bytes(pos, 3);
            return (b.get() & 0xFF) | (b.get() & 0xFF) << 8 | (b.get() & 0xFF) << 16;
        }

        int intBE(long pos) throws IOException {
            return bytes(pos, 4).getInt();
        }

        int intLE(long pos) throws IOException {
            return bytes(pos, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        }

        String ascii(long pos, int n) throws IOException {
            return new String(bytes(pos, n).array(), StandardCharsets.ISO_8859_1);
        }
    }
}
