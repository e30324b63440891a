package dev.skyhook.adapters.local.jdbc;

import dev.skyhook.core.model.KeyedBooking;
import dev.skyhook.core.model.Ride;
import dev.skyhook.core.model.RideBooking;
import dev.skyhook.core.model.Unicorn;
import dev.skyhook.core.port.out.RideRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Calendar;
import java.util.Optional;
import java.util.TimeZone;
import javax.sql.DataSource;

/**
 * Rides in the {@code Rides} table and idempotency keys in {@code RideRequests}, on any database the
 * migrations run on (H2 locally, MySQL/MariaDB). A keyed booking inserts both rows in one
 * transaction; the key's primary key refuses a second booking, however many retries race.
 */
public final class JdbcRideRepository implements RideRepository {
    private static final String INSERT_RIDE = "INSERT INTO Rides (RideId, Rider, UnicornName, UnicornColor, UnicornGender, RequestTime)"
        + " VALUES (?, ?, ?, ?, ?, ?)";
    private static final String INSERT_REQUEST = "INSERT INTO RideRequests (RequestKey, RequestFingerprint, RideId, Eta) VALUES (?, ?, ?, ?)";
    private static final String FIND_RIDE = "SELECT RideId, Rider, UnicornName, UnicornColor, UnicornGender, RequestTime FROM Rides WHERE RideId = ?";
    private static final String FIND_REQUEST = "SELECT q.RequestKey, q.RequestFingerprint, q.Eta, r.RideId, r.Rider, r.UnicornName,"
        + " r.UnicornColor, r.UnicornGender, r.RequestTime FROM RideRequests q JOIN Rides r ON r.RideId = q.RideId WHERE q.RequestKey = ?";
    private static final String ASSIGNED_SINCE = "SELECT 1 FROM Rides WHERE UnicornName = ? AND RequestTime >= ? LIMIT 1";
    /** SQLSTATE class 23: integrity constraint violation (a duplicate key here). */
    private static final String INTEGRITY_VIOLATION = "23";

    private final DataSource dataSource;

    public JdbcRideRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void add(Ride ride) {
        try (Connection connection = dataSource.getConnection()) {
            insertRide(connection, ride);
        } catch (SQLException e) {
            throw SqlErrors.translate("store a ride", e);
        }
    }

    @Override
    public KeyedBooking addOnce(KeyedBooking booking) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                insertRide(connection, booking.booking().ride());
                try (PreparedStatement insert = connection.prepareStatement(INSERT_REQUEST)) {
                    insert.setString(1, booking.requestKey());
                    insert.setString(2, booking.requestFingerprint());
                    insert.setString(3, booking.booking().ride().rideId());
                    insert.setString(4, booking.booking().eta());
                    insert.executeUpdate();
                }
                connection.commit();
                return booking;
            } catch (SQLException e) {
                connection.rollback();
                if (!isDuplicateKey(e)) {
                    throw e;
                }
            } finally {
                connection.setAutoCommit(true);
            }
            // Another request with this key committed first (the insert waited for it): answer with its booking.
            return findByRequestKey(connection, booking.requestKey()).orElseThrow(() ->
                new SQLException("the idempotency key's row vanished after a duplicate-key refusal"));
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

    private static Optional<KeyedBooking> findByRequestKey(Connection connection, String requestKey) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement(FIND_REQUEST)) {
            find.setString(1, requestKey);
            try (ResultSet rows = find.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new KeyedBooking(rows.getString("RequestKey"), rows.getString("RequestFingerprint"),
                    new RideBooking(toRide(rows), rows.getString("Eta"))));
            }
        }
    }

    private static Ride toRide(ResultSet row) throws SQLException {
        return new Ride(row.getString("RideId"), row.getString("Rider"),
            new Unicorn(row.getString("UnicornName"), row.getString("UnicornColor"), row.getString("UnicornGender")),
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
