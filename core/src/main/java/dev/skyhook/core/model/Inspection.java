package dev.skyhook.core.model;

import java.util.Optional;

/**
 * What an inspector found in some bytes: an image it can describe, or a description of what the
 * content is instead ("HTML", "ZIP archive", "unknown"), for a refusal message.
 */
public record Inspection(Optional<ImageFacts> image, String detected) {
    public static Inspection image(ImageFacts facts) {
        return new Inspection(Optional.of(facts), facts.format().name());
    }

    public static Inspection notAnImage(String detected) {
        return new Inspection(Optional.empty(), detected);
    }
}
