// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.packaging.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each byte of a Linux app image is counted once, in the component it belongs to. */
class SizeReportTest {

    @TempDir
    Path dir;

    private void file(String path, int bytes) throws Exception {
        Path file = dir.resolve("OmniDesk").resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[bytes]);
    }

    @Test
    void splitsTheImageIntoItsComponents() throws Exception {
        file("bin/OmniDesk", 3);
        file("lib/runtime/lib/modules", 1000);
        file("lib/app/javafx/javafx-base-21.0.12-linux.jar", 150);
        file("lib/app/javafx/libglass.so", 50);
        file("lib/app/ffmpeg-8.0.1-1.5.13-linux-x86_64.jar", 300);
        file("lib/app/ffmpeg-8.0.1-1.5.13.jar", 20);
        file("lib/app/native/onnxruntime/libonnxruntime.so", 400);
        file("lib/app/onnxruntime-1.29.0.jar", 50);
        file("lib/app/selftest-model/omni-package.json", 60);
        file("lib/app/app-0.1.0-SNAPSHOT.jar", 7);
        Path deb = Files.write(dir.resolve("omnidesk_0.1.0-1_amd64.deb"), new byte[900]);

        SizeReport report = SizeReport.of(Platform.LINUX_X64, dir.resolve("OmniDesk"), List.of(deb));

        assertEquals(List.of(1000L, 200L, 300L, 450L, 60L, 30L),
                report.components().stream().map(SizeReport.Row::bytes).toList());
        assertEquals(2040, report.installedBytes());
        assertEquals(List.of(new SizeReport.Row("omnidesk_0.1.0-1_amd64.deb", 900)), report.installers());
        assertTrue(report.table().contains("| ONNX Runtime | 0.0 |"), report.table());
    }
}
