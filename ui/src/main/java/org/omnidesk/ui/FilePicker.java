// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The native file dialogs the views open; tests replace it (native dialogs cannot be driven headless). */
public interface FilePicker {

    /** Media files to attach; empty when cancelled. */
    List<Path> openMedia(Window owner);

    /** A model package: a folder when {@code folder}, else a {@code .zip}. */
    Optional<Path> openPackage(Window owner, boolean folder);

    /** Where to save an export named {@code suggestedName}. */
    Optional<Path> save(Window owner, String suggestedName);

    /** The platform's dialogs. */
    static FilePicker system() {
        return new FilePicker() {
            @Override
            public List<Path> openMedia(Window owner) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle("Attach a video, image or audio file");
                chooser.getExtensionFilters().addAll(
                        new FileChooser.ExtensionFilter("Media", "*.mp4", "*.mkv", "*.mov", "*.webm", "*.avi",
                                "*.png", "*.jpg", "*.jpeg", "*.webp", "*.bmp", "*.wav", "*.mp3", "*.flac", "*.ogg", "*.m4a"),
                        new FileChooser.ExtensionFilter("All files", "*.*"));
                List<File> files = chooser.showOpenMultipleDialog(owner);
                return files == null ? List.of() : files.stream().map(File::toPath).toList();
            }

            @Override
            public Optional<Path> openPackage(Window owner, boolean folder) {
                if (folder) {
                    DirectoryChooser chooser = new DirectoryChooser();
                    chooser.setTitle("Model package folder (holds omni-package.json)");
                    return Optional.ofNullable(chooser.showDialog(owner)).map(File::toPath);
                }
                FileChooser chooser = new FileChooser();
                chooser.setTitle("Model package .zip");
                chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Zip archive", "*.zip"));
                return Optional.ofNullable(chooser.showOpenDialog(owner)).map(File::toPath);
            }

            @Override
            public Optional<Path> save(Window owner, String suggestedName) {
                FileChooser chooser = new FileChooser();
                chooser.setInitialFileName(suggestedName);
                return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
            }
        };
    }
}
