// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.api;

/** Kinds of failures a user can meet; each comes with a one-line message naming the thing and the fix. */
public enum ErrorKind {
    MODEL_PACKAGE,
    UNSUPPORTED_INPUT,
    PROVIDER_UNAVAILABLE,
    CONTEXT_FULL,
    OUT_OF_MEMORY,
    REMOTE,
    INTERNAL
}
