// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.packaging.installer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** Stage 2: the Java runtime the installer carries, linked from the JDK's modules. */
final class RuntimeImage {

    /**
     * The JDK modules the class path uses (jdeps over every jar, plus what is loaded by name), each for
     * a reason. JavaFX is not linked in: it runs from the app folder's module path.
     */
    static final List<String> MODULES = List.of(
            "java.base",
            "java.desktop",     // Java Sound (microphone, speaker); java.beans for JavaFX; javacv's AWT converters
            "java.logging",     // ONNX Runtime and JTransforms log through java.util.logging
            "java.sql",         // the SQLite conversation history (sqlite-jdbc)
            "java.xml",         // required by java.desktop; Jackson's optional XML types
            "java.management",  // DJL reads memory usage through java.lang.management
            "java.compiler",    // DJL's ClassLoaderUtils (tokenizer native loader) links javax.tools
            "java.net.http",    // model download (PackageDownloader's HttpClient)
            "jdk.crypto.ec",    // TLS with ECDHE key exchange, which most HTTPS servers require
            "jdk.unsupported"); // sun.misc.Unsafe for JavaFX, JavaCPP and JLargeArrays

    private RuntimeImage() {
    }

    /**
     * Links the runtime into {@code out/runtime}. No debug attributes, headers or man pages; a CDS
     * archive of the JDK's default class list like the JDK's own (class loading is a large part of the
     * start-up). The jimage stays uncompressed: the installers compress it anyway, and classes
     * load without inflating.
     */
    static Path link(Path out, PrintStream log) throws IOException {
        Path runtime = out.resolve("runtime");
        FileTrees.delete(runtime);
        Tools.run("jlink", List.of(
                "--add-modules", String.join(",", MODULES),
                "--strip-debug", "--no-header-files", "--no-man-pages",
                "--generate-cds-archive",
                "--output", runtime.toString()), log);
        return runtime;
    }
}
