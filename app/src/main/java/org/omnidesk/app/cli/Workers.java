// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.cli;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Named worker threads for command-line jobs (the app owns and names every executor). */
final class Workers {

    private Workers() {
    }

    /** One daemon thread called {@code name}; shut it down when the job is done. */
    static ExecutorService single(String name) {
        return Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        });
    }
}
