-- One rider holds at most a configured number of busy unicorns. Runs unchanged on MySQL/MariaDB and H2 (MODE=MySQL).

-- "How many unicorns does this rider hold?" counts the rider's rides requested in the busy window.
CREATE INDEX Rides_ByRider ON Rides (Rider, RequestTime);

-- One row per rider (SHA-256 of the exact name, so no collation can make two riders one). A booking
-- under the limit updates the rider's row first, in the transaction that stores the ride: the row
-- lock makes one rider's bookings take turns, so the count each one reads is exact.
CREATE TABLE RiderBookings (
    RiderKey CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    Bookings BIGINT   NOT NULL,
    PRIMARY KEY (RiderKey)
);
