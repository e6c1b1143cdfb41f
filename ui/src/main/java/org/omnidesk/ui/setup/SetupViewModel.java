// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.setup;

import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The model setup screen: installed packages, import/download progress, and what went wrong. FX thread only. */
public final class SetupViewModel {

    // Properties
    private final ReadOnlyBooleanWrapper visible = new ReadOnlyBooleanWrapper(this, "visible", false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ObservableList<PackageItem> packages = FXCollections.observableArrayList();
    // One read-only view, made once: listeners on a throw-away wrapper would be dropped with it (weakly held).
    private final ObservableList<PackageItem> packagesView = FXCollections.unmodifiableObservableList(packages);
    private final StringProperty source = new SimpleStringProperty(this, "source", "");
    private final StringProperty sha256 = new SimpleStringProperty(this, "sha256", "");

    public ReadOnlyBooleanProperty visibleProperty() {
        return visible.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Download/import progress in [0, 1]; negative when idle or of unknown length. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Why the last import, download or package check failed (one line), or "". */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ObservableList<PackageItem> packages() {
        return packagesView;
    }

    /** URL or Hugging Face repo id typed by the user. */
    public StringProperty sourceProperty() {
        return source;
    }

    public StringProperty sha256Property() {
        return sha256;
    }

    // Commands
    public void show(boolean show) {
        visible.set(show);
    }

    public void started(String what) {
        busy.set(true);
        problem.set("");
        status.set(what);
        progress.set(-1);
    }

    public void progress(double fraction, String what) {
        progress.set(fraction);
        status.set(what);
    }

    public void succeeded(String what) {
        busy.set(false);
        progress.set(-1);
        status.set(what);
        problem.set("");
    }

    public void failed(String why) {
        busy.set(false);
        progress.set(-1);
        status.set("");
        problem.set(why);
    }

    public void setPackages(List<PackageItem> installed) {
        packages.setAll(installed);
    }
}
