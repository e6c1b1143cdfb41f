// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.omnidesk.app.testing.TestDesktop.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnidesk.app.config.SettingsStore;
import org.omnidesk.app.model.ModelManager;
import org.omnidesk.app.testing.DesktopFxTest;
import org.omnidesk.app.testing.TestDesktop;
import org.omnidesk.app.testing.TinyPackage;
import org.omnidesk.ui.setup.PackageItem;
import org.omnidesk.ui.setup.SetupViewModel;
import org.omnidesk.ui.testing.Screenshots;
import org.testfx.api.FxRobot;

/** Model setup on first start, with the real package checks of model-runtime (SHA-256s, graph signatures). */
class SetupScreenTest extends DesktopFxTest {

    @TempDir
    Path dir;

    private TestDesktop rig;

    private SetupViewModel setup() {
        return desktop.model().setup();
    }

    private void launch(FxRobot robot, Optional<Path> selfTest) {
        rig = new TestDesktop(dir.resolve("home"));
        robot.interact(() -> desktop = Desktop.start(stage, rig.config(selfTest)));
    }

    @Test
    void aPackageWithAWrongGraphSignatureIsExplainedAndAGoodOneIsInstalled(FxRobot robot) {
        launch(robot, Optional.empty());
        assertTrue(setup().visibleProperty().get(), "first start opens model setup");
        Screenshots.save(stage.getScene(), "setup");

        rig.pickedPackages.add(TinyPackage.withWrongSignature(dir.resolve("wrong")));
        robot.clickOn("#import-folder");
        await("the package check to fail", 60, () -> !setup().problemProperty().get().isEmpty());
        String problem = setup().problemProperty().get();
        assertTrue(problem.contains("vision_encoder"), problem);
        assertTrue(problem.contains("expected"), problem);
        assertFalse(problem.contains("\n"), "one line");
        assertTrue(robot.lookup("#setup-problem").query().isVisible());
        assertTrue(setup().visibleProperty().get(), "the setup screen stays to explain");
        assertTrue(setup().packages().isEmpty());
        Screenshots.save(stage.getScene(), "setup-wrong-signature");

        rig.pickedPackages.add(TinyPackage.copy(dir.resolve("good")));
        robot.clickOn("#import-folder");
        await("the good package to be installed", 60, () -> !setup().visibleProperty().get());
        PackageItem installed = setup().packages().get(0);
        assertTrue(installed.randomWeights() && installed.active(), installed.toString());
        assertEquals("", setup().problemProperty().get());
        await("the settings to remember it", 5, () -> installed.id().equals(
                new SettingsStore(rig.dirs.settingsFile()).load().activeModel()));
        assertEquals(1, new ModelManager(rig.dirs.modelsFolder()).list().size());
    }

    @Test
    void aZipIsUnpackedIntoTheModelsFolderAndTheSelfTestModelIsOffered(FxRobot robot) throws Exception {
        Path bundled = TinyPackage.copy(dir.resolve("bundled"));   // never the repository's own folder
        launch(robot, Optional.of(bundled));
        Path modelsFolder = Files.createDirectories(rig.dirs.modelsFolder()).toRealPath();
        String tiny = bundled.toRealPath().toString();
        rig.pickedPackages.add(TinyPackage.zip(dir.resolve("tiny.zip"), "tiny"));
        robot.clickOn("#import-zip");
        await("the zip to be installed", 60, () -> !setup().visibleProperty().get());
        PackageItem fromZip = setup().packages().get(0);
        assertTrue(Path.of(fromZip.location()).startsWith(modelsFolder), fromZip.location());

        robot.interact(() -> setup().show(true));
        robot.clickOn("#self-test");
        await("the self-test model to be installed", 60, () -> setup().packages().size() == 2);
        assertTrue(setup().packages().stream().anyMatch(p -> p.active() && p.location().equals(tiny)), setup().packages().toString());
    }
}
