// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.packaging.installer;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a jar keeps its native libraries and which of them belong to the platform being packaged.
 *
 * @param jarName    matches the jar's file name
 * @param nativeRoot path prefix of all its natives ("" = the jar's root)
 * @param ownDir     path prefix of this platform's natives; starts with {@code nativeRoot}
 * @param extract    true: this platform's natives leave the jar for a folder on disk, false: they stay inside
 */
record NativeRule(Pattern jarName, String nativeRoot, String ownDir, boolean extract) {

    /** What happens to one jar entry. */
    enum Fate { KEEP, OWN_NATIVE, FOREIGN_NATIVE, DEBUG_SYMBOLS }

    /** ONNX Runtime's jar: CPU, CUDA (-Pgpu) or DirectML (-Pdirectml) build. */
    static final Pattern ONNX_RUNTIME_JAR = Pattern.compile("onnxruntime(_gpu|_directml)?-[0-9].*\\.jar");

    private static final Pattern LIBRARY = Pattern.compile("[^/]+\\.(so(\\.\\d+)*|dll|dylib|jnilib|a)");

    NativeRule {
        if (!ownDir.startsWith(nativeRoot)) {
            throw new IllegalArgumentException("ownDir " + ownDir + " is not under nativeRoot " + nativeRoot);
        }
    }

    /**
     * The jars on the class path that carry several platforms' natives. ONNX Runtime's are extracted
     * (the launcher points {@code onnxruntime.native.path} at them); the others stay in their jars,
     * where each library finds them as usual, with the foreign ones removed.
     */
    static List<NativeRule> classpath(Platform platform) {
        Platform.NativeDirs dirs = platform.nativeDirs();
        return List.of(
                new NativeRule(ONNX_RUNTIME_JAR,
                        "ai/onnxruntime/native/", "ai/onnxruntime/native/" + dirs.onnxRuntime() + "/", true),
                new NativeRule(Pattern.compile("tokenizers-[0-9].*\\.jar"),
                        "native/lib/", "native/lib/" + dirs.tokenizers() + "/", false),
                new NativeRule(Pattern.compile("sqlite-jdbc-[0-9].*\\.jar"),
                        "org/sqlite/native/", "org/sqlite/native/" + dirs.sqlite() + "/", false),
                new NativeRule(Pattern.compile("jna-[0-9].*\\.jar"),
                        "com/sun/jna/", "com/sun/jna/" + dirs.jna() + "/", false));
    }

    /**
     * OpenJFX's platform jars hold only their own platform's natives, at the jar's root. They go next
     * to the jar, where JavaFX loads them first ("from relative path"), instead of being unpacked into
     * the user's ~/.openjfx/cache on first start.
     */
    static NativeRule javafx() {
        return new NativeRule(Pattern.compile("javafx-[a-z]+-[0-9].*\\.jar"), "", "", true);
    }

    boolean appliesTo(String jarFileName) {
        return jarName.matcher(jarFileName).matches();
    }

    Fate fate(String entryName) {
        if (entryName.contains(".dSYM/") || entryName.endsWith(".pdb")) {
            return Fate.DEBUG_SYMBOLS;
        }
        String fileName = entryName.substring(entryName.lastIndexOf('/') + 1);
        if (!entryName.startsWith(nativeRoot) || !LIBRARY.matcher(fileName).matches()) {
            return Fate.KEEP;
        }
        return entryName.startsWith(ownDir) ? Fate.OWN_NATIVE : Fate.FOREIGN_NATIVE;
    }
}
