-- Runs unchanged on MySQL/MariaDB and on H2 (MODE=MySQL). The database's default character set
-- must be utf8mb4 on MySQL so that any Unicode name round-trips. Names are at most 100 characters
-- (the domain checks); 200 because H2 counts UTF-16 units, and 100 emoji take 200 of them.
CREATE TABLE Users (
    id   BIGINT       NOT NULL AUTO_INCREMENT,
    name VARCHAR(200) NOT NULL,
    age  INT          NOT NULL,
    PRIMARY KEY (id)
);
