// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module edges of ARCHITECTURE.md §2, checked on every main source file (imports and
 * fully qualified names alike, comments and strings ignored):
 * ui sees only the api packages of model-runtime and media-capture; model-runtime and
 * media-capture use no JavaFX; only model-runtime uses ONNX Runtime; media-capture never
 * uses model-runtime (nor model-runtime media-capture).
 */
class ModuleEdgesTest {

    private static final Pattern REFERENCE = Pattern.compile(
            "\\b(javafx|ai\\.onnxruntime|org\\.omnidesk\\.(?:runtime|capture|ui|app)(?:\\.[a-z][a-z0-9_]*)*)\\.[A-Za-z*]");
    private static final Pattern COMMENTS_AND_STRINGS = Pattern.compile(
            "(?s)/\\*.*?\\*/|//[^\\n]*|\"\"\".*?\"\"\"|\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])+'");

    record Rule(String module, String description, Predicate<String> forbidden) {}

    static final List<Rule> RULES = List.of(
            new Rule("ui", "ui may use only runtime.api and capture.api",
                    ref -> ref.startsWith("ai.onnxruntime") || ref.startsWith("org.omnidesk.app")
                            || ref.startsWith("org.omnidesk.runtime") && !isIn(ref, "org.omnidesk.runtime.api")
                            || ref.startsWith("org.omnidesk.capture") && !isIn(ref, "org.omnidesk.capture.api")),
            new Rule("model-runtime", "model-runtime uses no JavaFX, media-capture, ui or app",
                    ref -> ref.startsWith("javafx") || ref.startsWith("org.omnidesk.capture")
                            || ref.startsWith("org.omnidesk.ui") || ref.startsWith("org.omnidesk.app")),
            new Rule("media-capture", "media-capture uses no JavaFX, ONNX Runtime, model-runtime, ui or app",
                    ref -> ref.startsWith("javafx") || ref.startsWith("ai.onnxruntime")
                            || ref.startsWith("org.omnidesk.runtime") || ref.startsWith("org.omnidesk.ui")
                            || ref.startsWith("org.omnidesk.app")),
            new Rule("app", "only model-runtime uses ONNX Runtime", ref -> ref.startsWith("ai.onnxruntime")));

    private static boolean isIn(String ref, String pkg) {
        return ref.equals(pkg) || ref.startsWith(pkg + ".");
    }

    static List<String> references(String source) {
        String code = COMMENTS_AND_STRINGS.matcher(source).replaceAll(" ");
        List<String> refs = new ArrayList<>();
        Matcher m = REFERENCE.matcher(code);
        while (m.find()) {
            refs.add(m.group(1));
        }
        return refs;
    }

    static List<String> violations(Rule rule, String fileName, String source) {
        return references(source).stream().filter(rule.forbidden())
                .map(ref -> fileName + ": " + ref + " (" + rule.description() + ")").distinct().toList();
    }

    @Test
    void everyModuleKeepsItsEdges() throws IOException {
        Path root = Path.of(System.getProperty("omnidesk.root", ".."));
        List<String> problems = new ArrayList<>();
        int files = 0;
        for (Rule rule : RULES) {
            Path src = root.resolve(rule.module()).resolve("src/main/java");
            assertTrue(Files.isDirectory(src), "missing " + src);
            try (Stream<Path> paths = Files.walk(src)) {
                for (Path file : paths.filter(p -> p.toString().endsWith(".java")).toList()) {
                    problems.addAll(violations(rule, root.relativize(file).toString(), Files.readString(file)));
                    files++;
                }
            }
        }
        assertTrue(files > 5, "scanned only " + files + " files");
        assertEquals(List.of(), problems);
    }

    @Test
    void theCheckCatchesForbiddenImportsAndQualifiedNames() {
        Rule ui = RULES.get(0);
        Rule capture = RULES.get(2);
        assertFalse(violations(ui, "A.java", "import org.omnidesk.runtime.onnx.OrtInfo;").isEmpty());
        assertFalse(violations(ui, "A.java", "class A { ai.onnxruntime.OnnxTensor t; }").isEmpty());
        assertFalse(violations(capture, "B.java", "import javafx.scene.Node;").isEmpty());
        assertFalse(violations(capture, "B.java", "import static org.omnidesk.runtime.api.X.y;").isEmpty());
        assertEquals(List.of(), violations(ui, "C.java",
                "import org.omnidesk.runtime.api.OmniEngine; import org.omnidesk.capture.api.*;"
                        + " // org.omnidesk.runtime.onnx.Foo in a comment\n String s = \"ai.onnxruntime.X\";"));
    }
}
