# SPDX-License-Identifier: GPL-3.0-or-later
# Builds ONNX Runtime's Java binding with the DirectML execution provider from source, at the version the
# root pom pins, and installs it into the local Maven repository as
# com.microsoft.onnxruntime:onnxruntime_directml:<version>, which the `directml` profile puts on the class path.
# Maven Central has no DirectML build of the Java binding. Run once, then: packaging\installer\build.ps1 -Pdirectml
#
# Needs Windows 10/11 x64 with: Visual Studio 2022 ("Desktop development with C++"), CMake 3.28+, Python 3.10+,
# Git, a JDK 17+ (JAVA_HOME; the build runs ONNX Runtime's Gradle wrapper) and Maven. Takes 30-90 minutes.
# Written for Windows and reviewed, but not run by this project's CI (it has no Windows runner).
param([string] $WorkDir = "$env:USERPROFILE\omnidesk-onnxruntime")
$ErrorActionPreference = 'Stop'

$Version = '1.29.0'   # = onnxruntime.version in the root pom.xml
$Source = Join-Path $WorkDir "onnxruntime-$Version"
if (-not (Test-Path $Source)) {
    git clone --depth 1 --branch "v$Version" --recurse-submodules https://github.com/microsoft/onnxruntime.git $Source
    if ($LASTEXITCODE -ne 0) { throw "git clone of ONNX Runtime v$Version failed" }
}

Push-Location $Source
try {
    # --use_dml: the DirectML execution provider (fetches the DirectML redistributable from NuGet);
    # --build_java: the Java classes and the JNI library, packed into one jar by Gradle.
    .\build.bat --config Release --build_shared_lib --parallel --skip_tests `
        --use_dml --build_java --cmake_generator "Visual Studio 17 2022"
    if ($LASTEXITCODE -ne 0) { throw 'ONNX Runtime build failed (see its output above)' }

    $build = Join-Path $Source 'build\Windows\Release'
    $jar = Join-Path $build "java\build\libs\onnxruntime-$Version.jar"
    if (-not (Test-Path $jar)) { throw "The build made no $jar" }
    $dll = Get-ChildItem -Path $build -Recurse -Filter DirectML.dll | Select-Object -First 1
    if (-not $dll) { throw "The build left no DirectML.dll under $build" }

    # The jar holds onnxruntime.dll but not the DirectML.dll it depends on. Add it beside the other natives:
    # the installer build extracts them and moves DirectML.dll next to OmniDesk.exe, where Windows looks first.
    $stage = Join-Path $WorkDir 'jar-stage'
    $natives = Join-Path $stage 'ai\onnxruntime\native\win-x64'
    New-Item -ItemType Directory -Force -Path $natives | Out-Null
    Copy-Item $dll.FullName $natives
    & "$env:JAVA_HOME\bin\jar.exe" uf $jar -C $stage 'ai/onnxruntime/native/win-x64/DirectML.dll'
    if ($LASTEXITCODE -ne 0) { throw "Could not add DirectML.dll to $jar" }

    & mvn -B -ntp org.apache.maven.plugins:maven-install-plugin:3.1.3:install-file "-Dfile=$jar" `
        '-DgroupId=com.microsoft.onnxruntime' '-DartifactId=onnxruntime_directml' "-Dversion=$Version" '-Dpackaging=jar'
    if ($LASTEXITCODE -ne 0) { throw 'mvn install:install-file failed' }
    Write-Host "Installed com.microsoft.onnxruntime:onnxruntime_directml:$Version; now run packaging\installer\build.ps1 -Pdirectml"
} finally {
    Pop-Location
}
