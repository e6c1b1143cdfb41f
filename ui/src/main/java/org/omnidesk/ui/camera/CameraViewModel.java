// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.camera;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.omnidesk.ui.fx.ArgbImage;

/** Camera on/off, the device choice and the newest frame. Mutated on the FX thread only. */
public final class CameraViewModel {

    // Properties
    private final BooleanProperty enabled = new SimpleBooleanProperty(this, "enabled", false);
    private final ObservableList<String> cameras = FXCollections.observableArrayList();
    // One read-only view, made once: listeners on a throw-away wrapper would be dropped with it (weakly held).
    private final ObservableList<String> camerasView = FXCollections.unmodifiableObservableList(cameras);
    private final StringProperty camera = new SimpleStringProperty(this, "camera");
    private final ReadOnlyObjectWrapper<ArgbImage> frame = new ReadOnlyObjectWrapper<>(this, "frame");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");

    public BooleanProperty enabledProperty() {
        return enabled;
    }

    public ObservableList<String> cameras() {
        return camerasView;
    }

    public StringProperty cameraProperty() {
        return camera;
    }

    /** The newest frame; {@code null} when the camera is off. */
    public ReadOnlyObjectProperty<ArgbImage> frameProperty() {
        return frame.getReadOnlyProperty();
    }

    /** Why the camera is not showing (device busy, unplugged), or "". */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    // Commands
    public void showFrame(ArgbImage newest) {
        frame.set(newest);
    }

    public void setCameras(List<String> names) {
        cameras.setAll(names);
        if (camera.get() == null || !names.contains(camera.get())) {
            camera.set(names.isEmpty() ? null : names.get(0));
        }
    }

    public void setProblem(String message) {
        problem.set(message == null ? "" : message);
    }
}
