// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.fake;

import org.omnidesk.runtime.api.EngineOptions;
import org.omnidesk.runtime.api.EngineProvider;
import org.omnidesk.runtime.api.OmniEngine;

/** The engine named {@code scripted}: {@link Script#DESCRIBE} at {@link Pacing#fromSettings} pace. */
public final class ScriptedEngineProvider implements EngineProvider {

    public static final String NAME = "scripted";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public OmniEngine open(EngineOptions options) {
        return new ScriptedEngine(Script.DESCRIBE, Pacing.fromSettings(options.settings()));
    }
}
