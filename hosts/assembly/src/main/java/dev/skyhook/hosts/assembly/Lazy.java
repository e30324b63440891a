package dev.skyhook.hosts.assembly;

import java.util.Objects;
import java.util.function.Supplier;

/** A value built on first use and kept (the local server's stores). Thread-safe. */
public final class Lazy<T> implements Supplier<T> {
    private final Supplier<? extends T> build;
    private volatile T value;

    private Lazy(Supplier<? extends T> build) {
        this.build = Objects.requireNonNull(build, "build");
    }

    public static <T> Lazy<T> of(Supplier<? extends T> build) {
        return new Lazy<>(build);
    }

    @Override
    public T get() {
        T built = value;
        if (built == null) {
            synchronized (this) {
                built = value;
                if (built == null) {
                    built = Objects.requireNonNull(build.get(), "built nothing");
                    value = built;
                }
            }
        }
        return built;
    }

    /** Whether the value was built yet. */
    public boolean built() {
        return value != null;
    }
}
