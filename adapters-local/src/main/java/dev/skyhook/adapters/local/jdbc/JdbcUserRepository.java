package dev.skyhook.adapters.local.jdbc;

import dev.skyhook.core.model.User;
import dev.skyhook.core.port.out.UserRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Users in the {@code Users} table, on any database the migrations run on (MySQL, MariaDB, H2).
 * Every statement is parameterised.
 */
public final class JdbcUserRepository implements UserRepository {
    private static final String INSERT = "INSERT INTO Users (name, age) VALUES (?, ?)";
    private static final String FIND = "SELECT id, name, age FROM Users WHERE id = ?";
    private static final String LIST_AFTER = "SELECT id, name, age FROM Users WHERE id > ? ORDER BY id LIMIT ?";

    private static final int MAX_PRESIZED_ROWS = 1024;

    private final DataSource dataSource;

    public JdbcUserRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public User add(String name, int age) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, name);
            insert.setInt(2, age);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no generated id");
                }
                return new User(keys.getLong(1), name, age);
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("add a user", e);
        }
    }

    @Override
    public Optional<User> findById(long id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement find = connection.prepareStatement(FIND)) {
            find.setLong(1, id);
            try (ResultSet rows = find.executeQuery()) {
                return rows.next() ? Optional.of(toUser(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("find a user", e);
        }
    }

    @Override
    public List<User> listAfter(long afterId, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement list = connection.prepareStatement(LIST_AFTER)) {
            list.setLong(1, afterId);
            list.setInt(2, limit);
            try (ResultSet rows = list.executeQuery()) {
                // Sized for the page (bounded: the limit is the caller's), not grown row by row.
                List<User> users = new ArrayList<>(Math.min(limit, MAX_PRESIZED_ROWS));
                while (rows.next()) {
                    users.add(toUser(rows));
                }
                return users;
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("list users", e);
        }
    }

    /** By position (both queries select {@code id, name, age}): a lookup by name costs a search per column per row. */
    private static User toUser(ResultSet row) throws SQLException {
        return new User(row.getLong(1), row.getString(2), row.getInt(3));
    }
}
