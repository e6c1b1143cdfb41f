// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.remote;

import org.omnidesk.runtime.api.EngineOptions;
import org.omnidesk.runtime.api.EngineProvider;
import org.omnidesk.runtime.api.OmniEngine;

/** Provider {@code remote}: a vLLM-Omni server named by the {@code remote.*} settings ({@link RemoteSettings}). */
public final class RemoteEngineProvider implements EngineProvider {

    @Override
    public String name() {
        return "remote";
    }

    @Override
    public OmniEngine open(EngineOptions options) {
        return new RemoteEngine(RemoteSettings.from(options.settings(), System::getenv));
    }
}
