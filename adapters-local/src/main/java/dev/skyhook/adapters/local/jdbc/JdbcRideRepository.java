package dev.skyhook.adapters.local.jdbc;

import dev.skyhook.core.model.KeyedBooking;
import dev.skyhook.core.model.RecentRides;
import dev.skyhook.core.model.Ride;
import dev.skyhook.core.model.RideBooking;
import dev.skyhook.core.model.RiderLimit;
import dev.skyhook.core.model.Unicorn;
import dev.skyhook.core.port.out.RideRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import javax.sql.DataSource;

/**
 * Rides in the {@code Rides} table and idempotency keys in {@code RideRequests}, on any database the
 * migrations run on (H2 locally, MySQL/MariaDB). A keyed booking inserts both rows in one
 * transaction; the key's primary key refuses a second booking, however many retries race.
 *
 * <p>A booking under a rider limit first updates the rider's {@code RiderBookings} row, which locks
 * it until the transaction ends: the rider's bookings take turns, and each counts the rider's rides
 * after the one before it committed. So the limit is exact, for one extra row write per booking.
 */
public final class JdbcRideRepository implements RideRepository {
    private static final String INSERT_RIDE =
            "INSERT INTO Rides (RideId, Rider, UnicornName, UnicornColor, UnicornGender, RequestTime)"
                    + " VALUES (?, ?, ?, ?, ?, ?)";
    private static final String INSERT_REQUEST =
            "INSERT INTO RideRequests (RequestKey, RequestFingerprint, RideId, Eta) VALUES (?, ?, ?, ?)";
    private static final String FIND_RIDE =
            "SELECT RideId, Rider, UnicornName, UnicornColor, UnicornGender, RequestTime FROM Rides WHERE RideId = ?";
    private static final String FIND_REQUEST =
            "SELECT q.RequestKey, q.RequestFingerprint, q.Eta, r.RideId, r.Rider, r.UnicornName,"
                    + " r.UnicornColor, r.UnicornGender, r.RequestTime FROM RideRequests q JOIN Rides r ON r.RideId = q.RideId WHERE q.RequestKey = ?";
    private static final String ASSIGNED_SINCE =
            "SELECT 1 FROM Rides WHERE UnicornName = ? AND RequestTime >= ? LIMIT 1";
    private static final String LOCK_RIDER = "UPDATE RiderBookings SET Bookings = Bookings + 1 WHERE RiderKey = ?";
    private static final String INSERT_RIDER = "INSERT INTO RiderBookings (RiderKey, Bookings) VALUES (?, 0)";
    /** Rider compared again in Java: MySQL's default collations ignore case and trailing spaces. */
    private static final String RIDES_OF_RIDER_SINCE =
            "SELECT Rider, RequestTime FROM Rides WHERE Rider = ? AND RequestTime >= ?";

    private static final int RIDER_ROW_ATTEMPTS = 3;
    /** SQLSTATE class 23: integrity constraint violation (a duplicate key here). */
    private static final String INTEGRITY_VIOLATION = "23";

    private final DataSource dataSource;

    public JdbcRideRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean add(Ride ride, RiderLimit limit) {
        try (Connection connection = dataSource.getConnection()) {
            if (!limit.applies()) {
                insertRide(connection, ride);
                return true;
            }
            connection.setAutoCommit(false);
            try {
                lockRider(connection, ride.rider());
                if (limit.isReachedBy(ridesRequestedSince(connection, ride.rider(), limit.since())
                        .count())) {
                    connection.rollback();
                    return false;
                }
                insertRide(connection, ride);
                connection.commit();
                return true;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("store a ride", e);
        }
    }

    @Override
    public Optional<KeyedBooking> addOnce(KeyedBooking booking, RiderLimit limit) {
        Ride ride = booking.booking().ride();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (limit.applies()) {
                    lockRider(connection, ride.rider());
                    if (limit.isReachedBy(ridesRequestedSince(connection, ride.rider(), limit.since())
                            .count())) {
                        // A retry racing its first attempt finds the rider at the limit: read after the lock, it sees
                        // that booking.
                        Optional<KeyedBooking> earlier = findByRequestKey(connection, booking.requestKey());
                        connection.rollback();
                        return earlier;
                    }
                }
                insertRide(connection, ride);
                try (PreparedStatement insert = connection.prepareStatement(INSERT_REQUEST)) {
                    insert.setString(1, booking.requestKey());
                    insert.setString(2, booking.requestFingerprint());
                    insert.setString(3, ride.rideId());
                    insert.setString(4, booking.booking().eta());
                    insert.executeUpdate();
                }
                connection.commit();
                return Optional.of(booking);
            } catch (SQLException e) {
                connection.rollback();
                if (!isDuplicateKey(e)) {
                    throw e;
                }
            } finally {
                connection.setAutoCommit(true);
            }
            // Another request with this key committed first (the insert waited for it): answer with its booking.
            return Optional.of(findByRequestKey(connection, booking.requestKey())
                    .orElseThrow(() ->
                            new SQLException("the idempotency key's row vanished after a duplicate-key refusal")));
        } catch (SQLException e) {
            throw SqlErrors.translate("store a ride once", e);
        }
    }

    @Override
    public Optional<KeyedBooking> findByRequestKey(String requestKey) {
        try (Connection connection = dataSource.getConnection()) {
            return findByRequestKey(connection, requestKey);
        } catch (SQLException e) {
            throw SqlErrors.translate("find a ride request", e);
        }
    }

    @Override
    public Optional<Ride> findById(String rideId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement find = connection.prepareStatement(FIND_RIDE)) {
            find.setString(1, rideId);
            try (ResultSet rows = find.executeQuery()) {
                return rows.next() ? Optional.of(toRide(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("find a ride", e);
        }
    }

    @Override
    public boolean isAssignedSince(String unicornName, Instant since) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement find = connection.prepareStatement(ASSIGNED_SINCE)) {
            find.setString(1, unicornName);
            find.setTimestamp(2, Timestamp.from(since), utc());
            try (ResultSet rows = find.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("check a unicorn's rides", e);
        }
    }

    @Override
    public RecentRides ridesRequestedSince(String rider, Instant since) {
        try (Connection connection = dataSource.getConnection()) {
            return ridesRequestedSince(connection, rider, since);
        } catch (SQLException e) {
            throw SqlErrors.translate("count a rider's rides", e);
        }
    }

    private static RecentRides ridesRequestedSince(Connection connection, String rider, Instant since)
            throws SQLException {
        try (PreparedStatement find = connection.prepareStatement(RIDES_OF_RIDER_SINCE)) {
            find.setString(1, rider);
            find.setTimestamp(2, Timestamp.from(since), utc());
            List<Instant> times = new ArrayList<>();
            try (ResultSet rows = find.executeQuery()) {
                while (rows.next()) {
                    if (rows.getString("Rider").equals(rider)) {
                        times.add(rows.getTimestamp("RequestTime", utc()).toInstant());
                    }
                }
            }
            return RecentRides.of(times);
        }
    }

    /**
     * Locks the rider's row until the transaction ends (the connection is in one, with nothing done
     * yet, so under MySQL's repeatable read the reads that follow see what committed before the lock).
     * A rider's first booking makes the row first, committed at once, so that every booking can lock it.
     */
    private static void lockRider(Connection connection, String rider) throws SQLException {
        String riderKey = riderKey(rider);
        for (int attempt = 1; ; attempt++) {
            try (PreparedStatement lock = connection.prepareStatement(LOCK_RIDER)) {
                lock.setString(1, riderKey);
                if (lock.executeUpdate() == 1) {
                    return;
                }
            }
            if (attempt == RIDER_ROW_ATTEMPTS) {
                throw new SQLException("the row of a rider was made but could not be locked");
            }
            connection.rollback();
            connection.setAutoCommit(true);
            try (PreparedStatement insert = connection.prepareStatement(INSERT_RIDER)) {
                insert.setString(1, riderKey);
                insert.executeUpdate();
            } catch (SQLException e) {
                if (!isDuplicateKey(e)) {
                    throw e;
                }
                // a booking racing this one made the row: lock that
            } finally {
                connection.setAutoCommit(false);
            }
        }
    }

    /** The rider's exact name, digested: a fixed-size, binary-compared key. */
    private static String riderKey(String rider) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(rider.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static void insertRide(Connection connection, Ride ride) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_RIDE)) {
            insert.setString(1, ride.rideId());
            insert.setString(2, ride.rider());
            insert.setString(3, ride.unicorn().name());
            insert.setString(4, ride.unicorn().color());
            insert.setString(5, ride.unicorn().gender());
            insert.setTimestamp(6, Timestamp.from(ride.requestTime()), utc());
            insert.executeUpdate();
        }
    }

    private static Optional<KeyedBooking> findByRequestKey(Connection connection, String requestKey)
            throws SQLException {
        try (PreparedStatement find = connection.prepareStatement(FIND_REQUEST)) {
            find.setString(1, requestKey);
            try (ResultSet rows = find.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new KeyedBooking(
                        rows.getString("RequestKey"),
                        rows.getString("RequestFingerprint"),
                        new RideBooking(toRide(rows), rows.getString("Eta"))));
            }
        }
    }

    private static Ride toRide(ResultSet row) throws SQLException {
        return new Ride(
                row.getString("RideId"),
                row.getString("Rider"),
                new Unicorn(
                        row.getString("UnicornName"), row.getString("UnicornColor"), row.getString("UnicornGender")),
                row.getTimestamp("RequestTime", utc()).toInstant());
    }

    private static boolean isDuplicateKey(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith(INTEGRITY_VIOLATION);
    }

    /** Read and write times as UTC whatever the JVM's or the server's zone, so they round-trip exactly. */
    private static Calendar utc() {
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    }
}
