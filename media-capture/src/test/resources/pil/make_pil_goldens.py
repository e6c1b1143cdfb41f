# SPDX-License-Identifier: GPL-3.0-or-later
# Goldens for PilBicubicTest: Pillow's Image.resize(..., BICUBIC) of a synthetic 97x61 RGB pattern.
# Run with Debian's python3-pil (Pillow 9.4.0): /usr/bin/python3 make_pil_goldens.py
import numpy as np
from PIL import Image

W, H = 97, 61
y, x = np.mgrid[0:H, 0:W]
src = np.stack([(x * x * 3 + y * 7 + c * 85 + (x * y) % 37 * 5) & 0xFF for c in range(3)], axis=-1).astype(np.uint8)
img = Image.fromarray(src, "RGB")
for w, h in [(28, 56), (200, 30), (97, 140), (45, 61), (13, 7), (300, 200)]:
    out = np.asarray(img.resize((w, h), Image.BICUBIC))
    out.tofile(f"pattern97x61_to_{w}x{h}.rgb")
