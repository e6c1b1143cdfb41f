#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Regenerates the tiny reference package (package/) and its goldens (goldens/) deterministically,
# with Debian's PyTorch 1.13 / ONNX 1.12 / NumPy only. The graph-vs-module check runs every exported
# graph in the Java ONNX Runtime (Maven Central artifact), so java and mvn must be on PATH; pass
# --skip-check to leave it out. Set SKIP_APT=1 when the packages are already installed.
set -euo pipefail
cd "$(dirname "$0")"
if [ "${SKIP_APT:-0}" != 1 ]; then
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update
  $SUDO apt-get install -y python3-torch python3-onnx python3-numpy python3-regex
fi
/usr/bin/python3 build_package.py "$@"
/usr/bin/python3 goldens.py
