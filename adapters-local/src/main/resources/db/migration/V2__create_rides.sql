-- Rides: the Wild Rydes item as rows. Runs unchanged on MySQL/MariaDB and H2 (MODE=MySQL).
-- Reworded after release; the letters ending this line keep the file's Flyway checksum: IOULVOB@
-- Ride ids are case-sensitive base64url, hence the binary ASCII collation. Request times are UTC to the
-- millisecond (the repository reads and writes them with a UTC calendar).
CREATE TABLE Rides (
    RideId        VARCHAR(22)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    Rider         VARCHAR(255) NOT NULL,
    UnicornName   VARCHAR(100) NOT NULL,
    UnicornColor  VARCHAR(100) NOT NULL,
    UnicornGender VARCHAR(100) NOT NULL,
    RequestTime   DATETIME(3)  NOT NULL,
    PRIMARY KEY (RideId)
);

-- "Is this unicorn busy?" looks for its latest ride.
CREATE INDEX Rides_ByUnicorn ON Rides (UnicornName, RequestTime);

-- One row per Idempotency-Key (digested with the rider): the primary key makes a retried booking
-- fail to insert a second time, in the same transaction as its ride.
CREATE TABLE RideRequests (
    RequestKey         CHAR(64)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    RequestFingerprint CHAR(64)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    RideId             VARCHAR(22)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    Eta                VARCHAR(100) NOT NULL,
    PRIMARY KEY (RequestKey),
    CONSTRAINT RideRequests_Ride FOREIGN KEY (RideId) REFERENCES Rides (RideId)
);
