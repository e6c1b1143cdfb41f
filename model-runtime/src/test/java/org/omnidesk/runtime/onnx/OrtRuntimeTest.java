// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.omnidesk.runtime.api.EngineInfo.GraphPlacement;
import org.omnidesk.runtime.api.ErrorKind;
import org.omnidesk.runtime.api.InferenceException;

class OrtRuntimeTest {

    private static Path addOne() throws URISyntaxException {
        return Path.of(OrtRuntimeTest.class.getResource("/onnx/add_one.onnx").toURI());
    }

    private static float[] run(OrtRuntime rt, float[] x) throws Exception {
        try (OnnxTensor in = OnnxTensor.createTensor(rt.environment(), x);
             OrtSession.Result out = rt.session("g").run(Map.of("x", in))) {
            return (float[]) out.get(0).getValue();
        }
    }

    @Test
    void cpuRunsTheGraph() throws Exception {
        try (OrtRuntime rt = OrtRuntime.open(Map.of("g", addOne()),
                new OrtRuntime.Options(ProviderChoice.CPU, 1))) {
            assertArrayEquals(new float[] {2f, -1f}, run(rt, new float[] {1f, -2f}));
            assertEquals(new GraphPlacement("g", "CPUExecutionProvider", "requested"), rt.placements().get(0));
        }
    }

    @Test
    void autoOnThisBuildFallsBackToCpuAndSaysWhy() throws Exception {
        try (OrtRuntime rt = OrtRuntime.open(Map.of("g", addOne()),
                new OrtRuntime.Options(ProviderChoice.AUTO, 0))) {
            GraphPlacement p = rt.placements().get(0);
            assertEquals("CPUExecutionProvider", p.provider());
            assertTrue(p.reason().contains("CUDA: not in this ONNX Runtime build"), p.reason());
            assertTrue(p.reason().contains("DIRECTML: not in this ONNX Runtime build"), p.reason());
            assertArrayEquals(new float[] {1f}, run(rt, new float[] {0f}));
        }
    }

    @Test
    void requestedCudaOrDirectMlFallBackToCpuWithAReason() throws Exception {
        for (ProviderChoice choice : new ProviderChoice[] {ProviderChoice.CUDA, ProviderChoice.DIRECTML}) {
            try (OrtRuntime rt = OrtRuntime.open(Map.of("g", addOne()), new OrtRuntime.Options(choice, 0))) {
                GraphPlacement p = rt.placements().get(0);
                assertEquals("CPUExecutionProvider", p.provider());
                assertTrue(p.reason().startsWith(choice.name() + ": not in this ONNX Runtime build"), p.reason());
            }
        }
    }

    @Test
    void aProviderListedButFailingToInitialiseFallsBackWithItsError() throws Exception {
        // The GPU artifact lists CUDA even where CUDA is not installed: the real addCUDA call fails here.
        try (OrtRuntime rt = OrtRuntime.open(Map.of("g", addOne()), new OrtRuntime.Options(ProviderChoice.CUDA, 0),
                EnumSet.of(OrtProvider.CPU, OrtProvider.CUDA))) {
            GraphPlacement p = rt.placements().get(0);
            assertEquals("CPUExecutionProvider", p.provider());
            assertTrue(p.reason().startsWith("CUDA: failed to initialise ("), p.reason());
            assertTrue(p.reason().endsWith("; needs " + Accelerator.CUDA.needs()), p.reason());
            assertArrayEquals(new float[] {3f}, run(rt, new float[] {2f}));
        }
    }

    @Test
    void unknownProviderIsAClearError() {
        InferenceException e = assertThrows(InferenceException.class, () -> ProviderChoice.parse("tpu"));
        assertEquals(ErrorKind.PROVIDER_UNAVAILABLE, e.kind());
        assertEquals("Unknown execution provider 'tpu'; choose one of auto, cuda, directml, cpu", e.getMessage());
    }

    @Test
    void aMissingGraphFileNamesTheGraphAndTheFile() {
        InferenceException e = assertThrows(InferenceException.class, () -> OrtRuntime.open(
                Map.of("thinker_decoder", Path.of("/nonexistent/x.onnx")), new OrtRuntime.Options(ProviderChoice.CPU, 0)));
        assertTrue(e.getMessage().startsWith("Cannot load graph 'thinker_decoder' from /nonexistent/x.onnx"), e.getMessage());
    }

    @Test
    void useAfterCloseIsAnError() throws Exception {
        OrtRuntime rt = OrtRuntime.open(Map.of("g", addOne()), new OrtRuntime.Options(ProviderChoice.CPU, 0));
        rt.close();
        rt.close();
        assertThrows(IllegalStateException.class, () -> rt.session("g"));
    }
}
