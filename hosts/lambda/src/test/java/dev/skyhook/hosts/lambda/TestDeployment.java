package dev.skyhook.hosts.lambda;

import dev.skyhook.adapters.aws.rds.MySqlSettings;
import dev.skyhook.adapters.aws.s3.S3BlobStore;
import dev.skyhook.adapters.aws.s3.S3Clients;
import dev.skyhook.adapters.aws.testing.S3ProxyServer;
import dev.skyhook.adapters.aws.testing.S3TestBucket;
import dev.skyhook.hosts.api.files.FileSettings;
import dev.skyhook.hosts.api.rides.RideSettings;
import dev.skyhook.hosts.assembly.Settings;
import dev.skyhook.hosts.lambda.wiring.LambdaComponent;
import dev.skyhook.hosts.testhost.acceptance.AcceptanceSuite;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;

/**
 * What a deployed stack gives the functions, on real servers: a MySQL database (MariaDB), a bucket
 * (S3Proxy, which checks SigV4) and the rides tables (DynamoDB Local), with the schema migrated as
 * after a deploy. Unless told otherwise, unicorns are free again at once, so scenarios stay
 * independent, and the functions hold the acceptance suite's API key as their own (checked where
 * API Gateway checked none).
 */
record TestDeployment(LambdaComponent graph, S3TestBucket bucket, S3BlobStore blobs, RideTables rides) {
    static TestDeployment on(MySqlSettings database) throws IOException {
        return on(database, new RideSettings(Duration.ZERO));
    }

    static TestDeployment on(MySqlSettings database, RideSettings rideSettings) throws IOException {
        return on(database, rideSettings, FileSettings.defaults());
    }

    static TestDeployment on(MySqlSettings database, RideSettings rideSettings, FileSettings fileSettings)
            throws IOException {
        return on(database, rideSettings, fileSettings, AcceptanceSuite.API_KEY + "=unlimited");
    }

    /** {@code apiKeys}: the function's own, as {@code API_KEYS}; empty for none. */
    static TestDeployment on(MySqlSettings database, RideSettings rideSettings, String apiKeys) throws IOException {
        return on(database, rideSettings, FileSettings.defaults(), apiKeys);
    }

    static TestDeployment on(
            MySqlSettings database, RideSettings rideSettings, FileSettings fileSettings, String apiKeys)
            throws IOException {
        S3TestBucket bucket = S3ProxyServer.shared().createBucket("lambda");
        RideTables rides = RideTables.create();
        LambdaComponent graph = LambdaComponent.create(
                Settings.defaults().toBuilder()
                        .mySql(database)
                        .s3(bucket.settings())
                        .dynamoDb(rides.settings())
                        .rides(rideSettings)
                        .files(fileSettings)
                        .apiKeys(apiKeys)
                        .build(),
                bucket.credentials());
        new MigrationHandler(graph)
                .handleRequest(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), new TestContext());
        S3Clients clients = bucket.openClients();
        return new TestDeployment(graph, bucket, new S3BlobStore(clients.client(), bucket.settings()), rides);
    }
}
