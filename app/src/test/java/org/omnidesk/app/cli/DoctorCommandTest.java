// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class DoctorCommandTest {

    @Test
    void doctorListsVersionsAndTheCpuProvider() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), "doctor");
        String text = out.toString();
        assertEquals(0, code, err.toString());
        assertTrue(text.contains("CPUExecutionProvider"), text);
        assertTrue(text.matches("(?s).*ONNX Runtime\\s+1\\.29\\.0.*"), text);
        assertTrue(text.matches("(?s).*FFmpeg\\s+\\d+\\.\\d+.*"), text);
        assertTrue(text.matches("(?s).*OpenCV\\s+4\\.\\d+.*"), text);
        assertTrue(text.contains("Microphones") && text.contains("Cameras"), text);
    }

    @Test
    void unknownSubcommandIsAOneLineErrorNotAStackTrace() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), "no-such-command");
        assertTrue(code != 0);
        assertTrue(!err.toString().contains("\tat "), err.toString());
    }
}
