// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.packaging.installer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The .deb's and .rpm's own templates, which jpackage fills in (its upper-case placeholders) in place of
 * its defaults. Two reasons. jpackage's maintainer scripts run {@code xdg-desktop-menu}, which exits with
 * an error on systems without a legacy menu folder (/etc/xdg/menus: servers, containers, some minimal
 * desktops), failing the installation there and, worse, every later removal; ours copy the desktop entry
 * into /usr/share/applications themselves and put {@code omnidesk} on PATH. And jpackage's .deb depends
 * on every library its ldd scan finds on the build machine, transitive ones included (70 Debian 12
 * names, and with -Pgpu the CUDA libraries whose absence the app is meant to survive); ours name the
 * libraries the bundled natives link directly.
 */
final class LinuxPackaging {

    static final String PACKAGE = "omnidesk";
    static final String INSTALL_DIR = "/opt/" + PACKAGE;
    /** Every desktop reads its menu from /usr/share/applications. */
    static final String MENU_ENTRY = "/usr/share/applications/" + PACKAGE + ".desktop";
    static final String COMMAND_LINK = "/usr/bin/" + PACKAGE;

    /**
     * What the natives in the image link (readelf NEEDED, minus what the image carries): C/C++ runtime;
     * GTK 3 and its stack for JavaFX's window; X11/XCB for the JDK's AWT and FFmpeg's screen grabber;
     * ALSA and PulseAudio for Java Sound and FFmpeg's devices; the font and image libraries the JDK was
     * built against. Alternatives: Ubuntu's t64-renamed packages and its libjpeg62.
     * OpenGL is only recommended: without it JavaFX renders in software (prism.order es2,sw).
     */
    static final String DEB_DEPENDS = String.join(", ", List.of(
            "libc6", "libstdc++6", "libgcc-s1", "zlib1g",
            "libgtk-3-0 | libgtk-3-0t64", "libglib2.0-0 | libglib2.0-0t64", "libatk1.0-0 | libatk1.0-0t64",
            "libpango-1.0-0", "libpangocairo-1.0-0", "libpangoft2-1.0-0", "libcairo2", "libcairo-gobject2",
            "libgdk-pixbuf-2.0-0", "libx11-6", "libxext6", "libxi6", "libxrender1", "libxtst6", "libxxf86vm1",
            "libxcb1", "libxcb-shm0", "libasound2 | libasound2t64", "libpulse0",
            "libfreetype6", "libfontconfig1", "libharfbuzz0b", "libpng16-16 | libpng16-16t64",
            "libjpeg62-turbo | libjpeg62", "libgif7", "liblcms2-2"));
    static final String DEB_RECOMMENDS = "libgl1";
    /** The same libraries by Fedora/RHEL package names. */
    static final String RPM_REQUIRES = String.join(", ", List.of(
            "glibc", "libstdc++", "libgcc", "zlib", "gtk3", "glib2", "atk", "pango", "cairo", "cairo-gobject",
            "gdk-pixbuf2", "libX11", "libXext", "libXi", "libXrender", "libXtst", "libXxf86vm", "libxcb",
            "alsa-lib", "pulseaudio-libs", "freetype", "fontconfig", "harfbuzz", "libpng", "libjpeg-turbo",
            "giflib", "lcms2"));

    /** The desktop entry jpackage writes into the image (lib/omnidesk-OmniDesk.desktop). */
    private static final String IMAGE_ENTRY =
            INSTALL_DIR + "/lib/" + PACKAGE + "-" + Platform.APP_NAME + ".desktop";
    private static final String LAUNCHER = INSTALL_DIR + "/bin/" + Platform.APP_NAME;
    private static final String UPDATE_MENU_CACHE = "if command -v update-desktop-database >/dev/null 2>&1; then"
            + " update-desktop-database -q /usr/share/applications || true; fi";
    private static final String ADD_MENU_AND_COMMAND = String.join("\n",
            "install -D -m 644 " + IMAGE_ENTRY + " " + MENU_ENTRY,
            "ln -sf " + LAUNCHER + " " + COMMAND_LINK,
            UPDATE_MENU_CACHE);
    /** The link goes only while it still leads to this installation. */
    private static final String REMOVE_MENU_AND_COMMAND = String.join("\n",
            "rm -f " + MENU_ENTRY,
            "if [ \"$(readlink " + COMMAND_LINK + " || true)\" = " + LAUNCHER + " ]; then rm -f " + COMMAND_LINK + "; fi",
            UPDATE_MENU_CACHE);

    private LinuxPackaging() {
    }

    /** Writes the templates into a resource folder and returns jpackage's Linux options for {@code type}. */
    static List<String> jpackageArgs(BuildRequest request, String type) throws IOException {
        Path resources = FileTrees.recreate(request.out().resolve("resources-" + type));
        Files.writeString(resources.resolve(Platform.APP_NAME + ".desktop"), desktopEntry(FileTypes.MEDIA));
        if (type.equals("deb")) {
            Files.writeString(resources.resolve("control"), debControl());
            Files.writeString(resources.resolve("postinst"), debScript("configure", ADD_MENU_AND_COMMAND));
            Files.writeString(resources.resolve("prerm"),
                    debScript("remove|upgrade|deconfigure", REMOVE_MENU_AND_COMMAND));
        } else {
            Files.writeString(resources.resolve(PACKAGE + ".spec"), rpmSpec());
        }
        return List.of(
                "--linux-package-name", PACKAGE,
                "--linux-deb-maintainer", request.maintainer(),
                "--linux-app-release", "1",
                "--linux-app-category", "utils",
                "--linux-menu-group", "Utility;AudioVideo;",
                "--linux-rpm-license-type", "GPL-3.0-or-later",
                "--linux-shortcut",
                "--resource-dir", resources.toString());
    }

    /** jpackage's own template starts the launcher without the file (no %F in Exec). */
    static String desktopEntry(FileTypes types) {
        return """
                [Desktop Entry]
                Type=Application
                Name=APPLICATION_NAME
                GenericName=Local AI assistant
                Comment=APPLICATION_DESCRIPTION
                Exec=APPLICATION_LAUNCHER %F
                Icon=APPLICATION_ICON
                Terminal=false
                Categories=DEPLOY_BUNDLE_CATEGORY
                Keywords=assistant;chat;video;voice;
                MimeType=""" + types.desktopMimeTypes() + "\n";
    }

    static String debControl() {
        return """
                Package: APPLICATION_PACKAGE
                Version: APPLICATION_VERSION-APPLICATION_RELEASE
                Section: APPLICATION_SECTION
                Maintainer: APPLICATION_MAINTAINER
                Priority: optional
                Architecture: APPLICATION_ARCH
                Depends: %s
                Recommends: %s
                Installed-Size: APPLICATION_INSTALLED_SIZE
                Description: APPLICATION_DESCRIPTION
                """.formatted(DEB_DEPENDS, DEB_RECOMMENDS);
    }

    static String debScript(String cases, String commands) {
        return """
                #!/bin/sh
                # %s maintainer script, from OmniDesk's installer build (LinuxPackaging)
                set -e
                case "$1" in
                  %s)
                %s
                    ;;
                esac
                exit 0
                """.formatted(PACKAGE, cases, commands.indent(4).stripTrailing());
    }

    /** The app image under /opt/omnidesk (license included) as one owned folder; no automatic requires. */
    static String rpmSpec() {
        return """
                Summary: APPLICATION_SUMMARY
                Name: APPLICATION_PACKAGE
                Version: APPLICATION_VERSION
                Release: APPLICATION_RELEASE
                License: APPLICATION_LICENSE_TYPE
                Vendor: APPLICATION_VENDOR
                Requires: %1$s
                AutoReqProv: no
                %%define __jar_repack %%{nil}
                %%define _build_id_links none
                %%global __os_install_post %%{nil}

                %%description
                APPLICATION_DESCRIPTION

                %%install
                rm -rf %%{buildroot}
                install -d -m 755 %%{buildroot}APPLICATION_DIRECTORY
                cp -r %%{_sourcedir}APPLICATION_DIRECTORY/* %%{buildroot}APPLICATION_DIRECTORY
                install -m 644 "APPLICATION_LICENSE_FILE" %%{buildroot}APPLICATION_DIRECTORY/LICENSE

                %%files
                APPLICATION_DIRECTORY

                %%post
                %2$s

                %%preun
                if [ "$1" -eq 0 ]; then
                %3$s
                fi
                """.formatted(RPM_REQUIRES, ADD_MENU_AND_COMMAND, REMOVE_MENU_AND_COMMAND.indent(2).stripTrailing());
    }
}
