// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.pkg;

import java.nio.file.Path;

/**
 * A voice of the package, from {@code speakers/<Name>.json}: the Talker's speaker bos token, the
 * speaker embedding {@code cond} [E_spk], and the reference mel file (float32 [T_ref, 80] .npy),
 * already resolved and checked to lie inside the package.
 */
public record SpeakerFile(String name, long bosToken, float[] cond, Path refMelFile) {

    /** The JSON as stored; {@code ref_mel_file} is relative to the JSON's folder. */
    record Json(long bosToken, float[] cond, String refMelFile) {
        Json {
            if (cond.length == 0) {
                throw new IllegalArgumentException("cond is empty");
            }
        }
    }
}
