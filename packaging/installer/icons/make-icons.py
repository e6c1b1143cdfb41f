#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Renders omnidesk.svg into the icons jpackage takes: omnidesk.png (Linux), omnidesk.ico (Windows),
omnidesk.icns (macOS). ICO and ICNS both hold PNG images, so rsvg-convert (Debian: librsvg2-bin)
and the standard library are all it needs. Run from this folder; commit the outputs."""

import struct
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
SVG = HERE / "omnidesk.svg"


def png(size: int) -> bytes:
    return subprocess.run(["rsvg-convert", "-w", str(size), "-h", str(size), str(SVG)],
                          check=True, capture_output=True).stdout


def ico(sizes) -> bytes:
    """ICONDIR, one ICONDIRENTRY per image (0 means 256 px), then the PNGs."""
    images = [png(s) for s in sizes]
    offset = 6 + 16 * len(sizes)
    head = struct.pack("<HHH", 0, 1, len(sizes))
    for size, data in zip(sizes, images):
        edge = 0 if size >= 256 else size
        head += struct.pack("<BBBBHHII", edge, edge, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return head + b"".join(images)


def icns(types) -> bytes:
    """'icns' + total length, then (type, length incl. 8-byte header, PNG) per image."""
    body = b"".join(t.encode() + struct.pack(">I", len(d) + 8) + d for t, d in ((t, png(s)) for t, s in types))
    return b"icns" + struct.pack(">I", len(body) + 8) + body


(HERE / "omnidesk.png").write_bytes(png(256))
(HERE / "omnidesk.ico").write_bytes(ico([16, 24, 32, 48, 64, 128, 256]))
(HERE / "omnidesk.icns").write_bytes(icns([("ic07", 128), ("ic08", 256), ("ic09", 512), ("ic10", 1024)]))
