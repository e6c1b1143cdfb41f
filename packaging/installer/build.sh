#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds OmniDesk's installers for this OS (Linux: .deb and .rpm; macOS: .dmg; Windows: build.ps1)
# into packaging/target/installer/, with the size report in sizes.md there. Extra arguments go to Maven:
#   packaging/installer/build.sh -Dinstaller.types=deb        only the .deb
#   packaging/installer/build.sh -Pgpu                        the CUDA 12 variant (omnidesk-cuda_*.deb)
#   packaging/installer/build.sh -Dinstaller.version=1.0.0    macOS (bundle versions must start above 0)
# On Debian/Ubuntu it installs the packaging tools it lacks (fakeroot, rpm) with apt-get.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64)
    platform=linux-x86_64
    missing=()
    command -v fakeroot >/dev/null || missing+=(fakeroot)
    command -v dpkg-deb >/dev/null || missing+=(dpkg)
    wants_rpm=1
    for arg in "$@"; do
      case "$arg" in -Dinstaller.types=*rpm*) wants_rpm=1 ;; -Dinstaller.types=*) wants_rpm=0 ;; esac
    done
    [ "$wants_rpm" = 0 ] || command -v rpmbuild >/dev/null || missing+=(rpm)
    if [ ${#missing[@]} -gt 0 ]; then
      command -v apt-get >/dev/null || { echo "build.sh: install ${missing[*]} (or the same tools of your distribution)" >&2; exit 1; }
      sudo=""
      [ "$(id -u)" -eq 0 ] || sudo="sudo"
      echo "build.sh: installing ${missing[*]}" >&2
      $sudo apt-get -o DPkg::Lock::Timeout=300 update -q
      DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "${missing[@]}"
    fi ;;
  Darwin-arm64)
    platform=macosx-arm64 ;;
  *)
    echo "build.sh: no OmniDesk installer for $(uname -s) $(uname -m) (Linux x86-64, macOS arm64; Windows: build.ps1)" >&2
    exit 1 ;;
esac

cd "$root"
exec mvn -B -ntp -Pinstaller -DskipTests -Djavacpp.platform="$platform" package "$@"
