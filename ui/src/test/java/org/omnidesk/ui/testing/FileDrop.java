// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.ui.testing;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.TKClipboard;
import java.nio.file.Path;
import java.security.AccessControlContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.event.EventType;
import javafx.scene.Node;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.image.Image;
import javafx.scene.input.TransferMode;
import javafx.util.Pair;

/**
 * Drops files on a node the way a file manager does: DRAG_OVER then DRAG_DROPPED with the files
 * on a real {@link Dragboard}. Headless tests cannot start a drag from another program, so the
 * events are built here (JavaFX has no public way to make a Dragboard; we use its own helper
 * with a clipboard that offers COPY, as a file manager's drag does).
 */
public final class FileDrop {

    private FileDrop() {
    }

    /** Returns whether the target completed the drop. */
    public static boolean drop(Node target, List<Path> files) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                Dragboard board = DragboardHelper.createDragboard(new DropClipboard());
                board.setContent(Map.of(DataFormat.FILES, files.stream().map(Path::toFile).toList()));
                DragEvent over = event(target, DragEvent.DRAG_OVER, board);
                Event.fireEvent(target, over);
                DragEvent dropped = event(target, DragEvent.DRAG_DROPPED, board);
                Event.fireEvent(target, dropped);
                done.complete(dropped.isDropCompleted());
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            return done.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("dropping " + files + " failed", e);
        }
    }

    private static DragEvent event(Node target, EventType<DragEvent> type, Dragboard board) {
        return new DragEvent(target, target, type, board, 10, 10, 10, 10, TransferMode.COPY, null, target, null);
    }

    /** The drag's data: what the file manager put on it, offered for COPY. */
    private static final class DropClipboard implements TKClipboard {
        private final Map<DataFormat, Object> content = new HashMap<>();

        @Override
        @SuppressWarnings("removal")
        public void setSecurityContext(AccessControlContext context) {
        }

        @Override
        public Set<DataFormat> getContentTypes() {
            return content.keySet();
        }

        @Override
        @SafeVarargs
        public final boolean putContent(Pair<DataFormat, Object>... items) {
            for (Pair<DataFormat, Object> item : items) {
                content.put(item.getKey(), item.getValue());
            }
            return true;
        }

        @Override
        public Object getContent(DataFormat format) {
            return content.get(format);
        }

        @Override
        public boolean hasContent(DataFormat format) {
            return content.containsKey(format);
        }

        @Override
        public Set<TransferMode> getTransferModes() {
            return Set.of(TransferMode.COPY);
        }

        @Override
        public void setDragView(Image image) {
        }

        @Override
        public void setDragViewOffsetX(double offsetX) {
        }

        @Override
        public void setDragViewOffsetY(double offsetY) {
        }

        @Override
        public Image getDragView() {
            return null;
        }

        @Override
        public double getDragViewOffsetX() {
            return 0;
        }

        @Override
        public double getDragViewOffsetY() {
            return 0;
        }
    }
}
