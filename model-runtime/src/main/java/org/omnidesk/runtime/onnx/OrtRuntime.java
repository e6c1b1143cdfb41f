// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.omnidesk.runtime.api.EngineInfo.GraphPlacement;
import org.omnidesk.runtime.api.ErrorKind;
import org.omnidesk.runtime.api.InferenceException;

/**
 * One ONNX Runtime environment and one session per graph, created once. Each graph gets the first
 * provider of the user's choice that initialises; every skipped provider leaves its reason in
 * {@link #placements()} (what {@code omnidesk doctor} and the UI show). Sessions close before
 * their options.
 */
public final class OrtRuntime implements AutoCloseable {

    /** Intra-op threads 0 = ONNX Runtime's default (one per physical core). */
    public record Options(ProviderChoice provider, int intraOpThreads) {
        public Options {
            if (intraOpThreads < 0) {
                throw new IllegalArgumentException("intraOpThreads must be >= 0");
            }
        }
    }

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final Map<String, OrtSession> sessions = new LinkedHashMap<>();
    private final List<SessionOptions> sessionOptions = new ArrayList<>();
    private final List<GraphPlacement> placements = new ArrayList<>();
    private boolean closed;

    private OrtRuntime() {
    }

    /** Opens every graph (name → .onnx file) with the build's listed providers. */
    public static OrtRuntime open(Map<String, Path> graphs, Options options) {
        return open(graphs, options, OrtEnvironment.getAvailableProviders());
    }

    /** As {@link #open(Map, Options)}, with the providers the build lists given (tests vary it). */
    static OrtRuntime open(Map<String, Path> graphs, Options options, Set<OrtProvider> listed) {
        OrtRuntime runtime = new OrtRuntime();
        try {
            for (Map.Entry<String, Path> graph : graphs.entrySet()) {
                runtime.openGraph(graph.getKey(), graph.getValue(), options, listed);
            }
            return runtime;
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    private void openGraph(String name, Path file, Options options, Set<OrtProvider> listed) {
        List<String> skipped = new ArrayList<>();
        for (Accelerator accelerator : options.provider().candidates()) {
            if (!listed.contains(accelerator.ortProvider())) {
                skipped.add(accelerator + ": not in this ONNX Runtime build (needs " + accelerator.needs() + ")");
                continue;
            }
            SessionOptions so = null;
            try {
                so = new SessionOptions();
                so.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
                if (options.intraOpThreads() > 0) {
                    so.setIntraOpNumThreads(options.intraOpThreads());
                }
                accelerator.enable(so);
                OrtSession session = env.createSession(file.toString(), so);
                sessions.put(name, session);
                sessionOptions.add(so);
                String reason = skipped.isEmpty() ? "requested" : String.join("; ", skipped);
                placements.add(new GraphPlacement(name, accelerator.ortProvider().getName(), reason));
                return;
            } catch (OrtException | UnsatisfiedLinkError | IllegalStateException e) {
                if (so != null) {
                    so.close();
                }
                if (accelerator == Accelerator.CPU) {
                    throw new InferenceException(ErrorKind.MODEL_PACKAGE,
                            "Cannot load graph '" + name + "' from " + file + ": " + firstLine(e)
                                    + "; re-export or re-download the model package", e);
                }
                skipped.add(accelerator + ": failed to initialise (" + firstLine(e) + "); needs "
                        + accelerator.needs());
            }
        }
        throw new InferenceException(ErrorKind.PROVIDER_UNAVAILABLE,
                "No execution provider could run graph '" + name + "': " + String.join("; ", skipped));
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m).trim();
    }

    public OrtEnvironment environment() {
        return env;
    }

    /** The session of {@code graph}; fails after {@link #close()} or for an unknown graph. */
    public OrtSession session(String graph) {
        if (closed) {
            throw new IllegalStateException("OrtRuntime is closed");
        }
        OrtSession s = sessions.get(graph);
        if (s == null) {
            throw new IllegalArgumentException("no graph '" + graph + "' (have " + sessions.keySet() + ")");
        }
        return s;
    }

    public List<GraphPlacement> placements() {
        return List.copyOf(placements);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (OrtSession s : sessions.values()) {
            try {
                s.close();
            } catch (OrtException e) {
                // Closing frees native memory; a failure here leaves nothing for the caller to do.
            }
        }
        sessions.clear();
        sessionOptions.forEach(SessionOptions::close);
        sessionOptions.clear();
    }
}
