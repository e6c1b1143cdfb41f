# SPDX-License-Identifier: GPL-3.0-or-later
# Builds OmniDesk's Windows installer (.msi) into packaging\target\installer\, with the size report in sizes.md.
# Needs a JDK 17+ (jpackage), Maven, and WiX Toolset 3.x on PATH (candle.exe, light.exe; JDK 17's jpackage
# does not take WiX 4 or newer): winget install WiXToolset.WiXToolset
# Extra arguments go to Maven:
#   packaging\installer\build.ps1 -Pgpu         the CUDA 12 variant (OmniDesk-cuda-*.msi)
#   packaging\installer\build.ps1 -Pdirectml    the DirectML variant; run build-onnxruntime-directml.ps1 once first
# Written for Windows and reviewed, but not run by this project's CI (it has no Windows runner).
$ErrorActionPreference = 'Stop'
if (-not (Get-Command light.exe -ErrorAction SilentlyContinue)) {
    throw 'WiX Toolset 3 is needed to make an .msi, but light.exe is not on PATH: winget install WiXToolset.WiXToolset, then add its bin folder to PATH'
}
Push-Location (Resolve-Path "$PSScriptRoot\..\..")
try {
    # Quoted: PowerShell would otherwise split -Dname.with.dots=value at the dot.
    & mvn -B -ntp '-Pinstaller' '-DskipTests' '-Djavacpp.platform=windows-x86_64' package @args
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
} finally {
    Pop-Location
}
