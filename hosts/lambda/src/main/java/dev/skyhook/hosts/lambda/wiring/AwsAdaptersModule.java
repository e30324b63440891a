package dev.skyhook.hosts.lambda.wiring;

import dagger.Module;
import dagger.Provides;
import dev.skyhook.adapters.aws.dynamodb.DynamoDbClients;
import dev.skyhook.adapters.aws.dynamodb.DynamoDbRideRepository;
import dev.skyhook.adapters.aws.rds.MySqlDatabase;
import dev.skyhook.adapters.local.jdbc.JdbcUserRepository;
import dev.skyhook.core.port.out.RideRepository;
import dev.skyhook.core.port.out.UserRepository;
import jakarta.inject.Singleton;
import javax.sql.DataSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The ports on AWS. Providers are lazy: a function builds only the clients and pools it uses. */
@Module
public interface AwsAdaptersModule {
    @Provides
    @Singleton
    static DataSource userDatabase(LambdaSettings settings) {
        return MySqlDatabase.pool(settings.requireMySql());
    }

    @Provides
    @Singleton
    static UserRepository userRepository(DataSource userDatabase) {
        return new JdbcUserRepository(userDatabase);
    }

    @Provides
    @Singleton
    static DynamoDbClient dynamoDbClient(LambdaSettings settings) {
        return DynamoDbClients.create(settings.requireDynamoDb());
    }

    @Provides
    @Singleton
    static RideRepository rideRepository(DynamoDbClient dynamoDb, LambdaSettings settings) {
        return new DynamoDbRideRepository(dynamoDb, settings.requireDynamoDb());
    }
}
