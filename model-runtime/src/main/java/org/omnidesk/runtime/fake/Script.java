// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.runtime.fake;

import java.util.Locale;
import org.omnidesk.runtime.api.AudioFeatures;
import org.omnidesk.runtime.api.TurnRequest;
import org.omnidesk.runtime.api.UserInput;
import org.omnidesk.runtime.api.VisionFeatures;

/** Decides the scripted engine's reply to a request. */
@FunctionalInterface
public interface Script {

    ScriptedReply reply(TurnRequest request);

    /**
     * The default script: describes what the turn carried (kinds, sizes, durations, the question)
     * in a little Markdown, so a user sees that input reached the engine intact.
     */
    Script DESCRIBE = request -> {
        StringBuilder answer = new StringBuilder("I received ").append(request.inputs().size())
                .append(request.inputs().size() == 1 ? " item:" : " items:").append("\n\n");
        for (UserInput input : request.inputs()) {
            answer.append("- ").append(describe(input)).append('\n');
        }
        answer.append("\nThis is the **scripted** engine: no model runs, so it only describes your input.");
        return ScriptedReply.text(answer.toString());
    };

    /** One line per input; numbers are computed from the features, not from the file. */
    static String describe(UserInput input) {
        if (input instanceof UserInput.Text text) {
            return "your words: “" + text.text().strip() + "”";
        } else if (input instanceof UserInput.Audio audio) {
            return "audio `" + audio.label() + "`: " + seconds(audio.features());
        } else if (input instanceof UserInput.Image image) {
            return "image `" + image.label() + "`: " + grid(image.features());
        } else if (input instanceof UserInput.Video video) {
            VisionFeatures f = video.features();
            return "video `" + video.label() + "`: " + (f.gridT() * 2) + " frames, " + grid(f)
                    + video.audio().map(a -> ", with " + seconds(a) + " of its sound").orElse(", without sound");
        }
        throw new IllegalArgumentException("unknown input " + input);
    }

    private static String seconds(AudioFeatures features) {
        return String.format(Locale.ROOT, "%.2f s", features.seconds());
    }

    private static String grid(VisionFeatures f) {
        return "grid " + f.gridT() + "×" + f.gridH() + "×" + f.gridW() + " (" + f.tokens() + " tokens)";
    }
}
