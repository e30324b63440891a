package dev.skyhook.core.model;

import java.util.Objects;

/** The format a variant is asked for in: one format exactly, or the best for what the client accepts. */
public sealed interface VariantFormat {
    /** Exactly {@code format}; refused when the codec cannot encode it. */
    record Exactly(ImageFormat format) implements VariantFormat {
        public Exactly {
            Objects.requireNonNull(format, "format");
        }
    }

    /** Chosen by {@link FormatPreferences#choose}: AVIF, then WebP, then the source's own format. */
    record Negotiated(FormatPreferences preferences) implements VariantFormat {
        public Negotiated {
            Objects.requireNonNull(preferences, "preferences");
        }
    }

    static VariantFormat exactly(ImageFormat format) {
        return new Exactly(format);
    }

    /** For a client that states no preference: the source's own format. */
    static VariantFormat sourceFormat() {
        return new Negotiated(FormatPreferences.none());
    }

    static VariantFormat bestFor(FormatPreferences preferences) {
        return new Negotiated(preferences);
    }
}
