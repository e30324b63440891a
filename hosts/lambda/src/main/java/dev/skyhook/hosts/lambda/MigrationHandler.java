package dev.skyhook.hosts.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.skyhook.adapters.local.jdbc.DatabaseMigrations;
import dev.skyhook.hosts.json.Json;
import dev.skyhook.hosts.lambda.metrics.EmfMetrics;
import dev.skyhook.hosts.lambda.wiring.Container;
import dev.skyhook.hosts.lambda.wiring.LambdaComponent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Applies the schema migrations to RDS from inside its VPC; invoke it once after each deploy. The
 * event is ignored. Answers {@code {"migrationsExecuted": n}}.
 */
public final class MigrationHandler implements RequestStreamHandler {
    private final DataSource database;
    private final EmfMetrics metrics;

    public MigrationHandler() {
        this(Container.graph());
    }

    public MigrationHandler(LambdaComponent graph) {
        this.database = graph.adapters().userDatabase();
        this.metrics = graph.metrics();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Invocations.run(context, metrics, () -> {
            int executed = DatabaseMigrations.migrate(database);
            output.write(Json.write(Map.of("migrationsExecuted", executed)));
        });
    }
}
