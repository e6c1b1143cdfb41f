#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The one command that runs every test: installs the Debian packages the tests use when they are
# missing (FFmpeg makes test media, Xvfb + GTK give a real window with -Dxvfb, numpy for the mel
# benchmark baseline), then runs the Maven build with all tests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

needed=(ffmpeg xvfb libgtk-3-0 python3-numpy maven)
missing=()
for pkg in "${needed[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "test.sh: installing ${missing[*]}" >&2
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

mvn -B -ntp verify "$@"
