package dev.skyhook.hosts.lambda.wiring;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The JDBC pools this function has built (none until a users function builds its own), so a
 * SnapStart restore can retire connections that were open when the snapshot was taken.
 */
public final class ConnectionPools {
    private final List<HikariDataSource> pools = new CopyOnWriteArrayList<>();

    void add(HikariDataSource pool) {
        pools.add(pool);
    }

    /**
     * Closes idle connections and marks the rest to close when returned, so every query after a
     * restore runs on a connection opened after it (a restored socket is dead or, worse, shared).
     */
    public void evictAll() {
        for (HikariDataSource pool : pools) {
            if (pool.getHikariPoolMXBean() != null) {
                pool.getHikariPoolMXBean().softEvictConnections();
            }
        }
    }

    public int size() {
        return pools.size();
    }

    /** The function's pool, where it has exactly one (a users function). */
    Optional<HikariDataSource> only() {
        return pools.size() == 1 ? Optional.of(pools.get(0)) : Optional.empty();
    }

    /** Connections the pools hold open (in use or idle); 0 at a SnapStart checkpoint. */
    public int openConnections() {
        int open = 0;
        for (HikariDataSource pool : pools) {
            if (pool.getHikariPoolMXBean() != null) {
                open += pool.getHikariPoolMXBean().getTotalConnections();
            }
        }
        return open;
    }
}
