// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app.model;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.omnidesk.app.cli.UserMessages;
import org.omnidesk.runtime.api.InferenceException;
import org.omnidesk.ui.fx.FxBridge;
import org.omnidesk.ui.setup.PackageItem;
import org.omnidesk.ui.setup.SetupActions;
import org.omnidesk.ui.setup.SetupViewModel;

/**
 * The model setup screen's actions: imports, downloads and the self-test model run on the setup
 * thread with progress in the view model; a package that fails its checks (SHA-256, a graph's
 * signature) is explained on the screen in one line. A package installed here becomes active.
 */
public final class SetupController implements SetupActions {

    private static final Object PROGRESS = new Object();

    private final SetupViewModel view;
    private final FxBridge fx;
    private final ExecutorService thread;
    private final PackageInstaller installer;
    private final ModelManager models;
    private final Optional<Path> selfTest;
    private final Supplier<String> activeId;
    private final Consumer<InstalledPackage> activate;
    private final Runnable closed;
    private final AtomicBoolean cancel = new AtomicBoolean();

    public SetupController(SetupViewModel view, FxBridge fx, ExecutorService thread, PackageInstaller installer,
                           ModelManager models, Optional<Path> selfTest, Supplier<String> activeId,
                           Consumer<InstalledPackage> activate, Runnable closed) {
        this.view = view;
        this.fx = fx;
        this.thread = thread;
        this.installer = installer;
        this.models = models;
        this.selfTest = selfTest;
        this.activeId = activeId;
        this.activate = activate;
        this.closed = closed;
    }

    /** Lists the installed packages again (the active one marked). */
    public void refresh() {
        thread.execute(this::publishPackages);
    }

    @Override
    public void importPackage(Path folderOrZip) {
        run("Importing " + folderOrZip.getFileName() + " …", p -> installer.importPackage(folderOrZip, p));
    }

    @Override
    public void download(String source, String sha256) {
        if (source.isBlank()) {
            return;
        }
        run("Downloading " + source + " …", p -> installer.download(source, sha256, p, cancel::get));
    }

    @Override
    public void cancelDownload() {
        cancel.set(true);
    }

    @Override
    public void useSelfTest() {
        run("Checking the self-test model …", p -> installer.selfTest(selfTest, p));
    }

    @Override
    public void activate(String packageId) {
        thread.execute(() -> models.find(packageId).ifPresent(pkg -> {
            activate.accept(pkg);
            publishPackages(pkg.id());
        }));
    }

    @Override
    public void close() {
        view.show(false);
        closed.run();
    }

    private interface Job {
        InstalledPackage run(PackageInstaller.Progress progress);
    }

    private void run(String what, Job job) {
        cancel.set(false);
        view.started(what);
        thread.execute(() -> {
            try {
                InstalledPackage installed = job.run((fraction, doing) ->
                        fx.postLatest(PROGRESS, () -> view.progress(fraction, doing)));
                activate.accept(installed);
                publishPackages(installed.id());
                fx.post(() -> {
                    view.succeeded("Installed " + installed.name() + (installed.randomWeights()
                            ? " (random weights: a self-test, its answers are noise)" : ""));
                    view.show(false);
                });
            } catch (InferenceException | SetupException | CancellationException | UncheckedIOException e) {
                fx.post(() -> view.failed(UserMessages.oneLine(e)));
            } catch (RuntimeException e) {
                fx.post(() -> view.failed("setup failed: " + UserMessages.oneLine(e)));
            }
        });
    }

    private void publishPackages() {
        publishPackages(activeId.get());
    }

    private void publishPackages(String active) {
        try {
            List<PackageItem> items = models.list().stream()
                    .map(p -> new PackageItem(p.id(), p.name(), p.path(), p.randomWeights(), p.id().equals(active)))
                    .toList();
            fx.post(() -> view.setPackages(items));
        } catch (SetupException e) {
            fx.post(() -> view.failed(e.getMessage()));
        }
    }
}
