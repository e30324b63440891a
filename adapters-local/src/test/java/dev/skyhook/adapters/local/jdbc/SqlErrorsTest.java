package dev.skyhook.adapters.local.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.core.error.ErrorCode;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {
    @Test
    void connectionFailuresMeanTheStoreIsUnavailable() {
        assertThat(codeOf(new SQLTransientConnectionException("pool timed out")))
                .isEqualTo(ErrorCode.STORE_UNAVAILABLE);
        assertThat(codeOf(new SQLNonTransientConnectionException("refused"))).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
        assertThat(codeOf(new SQLException("Communications link failure", "08S01")))
                .isEqualTo(ErrorCode.STORE_UNAVAILABLE);
        assertThat(codeOf(new SQLException("wrapped", "HY000", new SQLException("link", "08001"))))
                .isEqualTo(ErrorCode.STORE_UNAVAILABLE);
    }

    @Test
    void otherFailuresAreStoreFailures() {
        assertThat(codeOf(new SQLSyntaxErrorException("bad sql", "42000"))).isEqualTo(ErrorCode.STORE_FAILURE);
        assertThat(codeOf(new SQLIntegrityConstraintViolationException("dup", "23000")))
                .isEqualTo(ErrorCode.STORE_FAILURE);
        assertThat(codeOf(new SQLException("no state"))).isEqualTo(ErrorCode.STORE_FAILURE);
    }

    private static ErrorCode codeOf(SQLException e) {
        return SqlErrors.translate("test", e).code();
    }
}
