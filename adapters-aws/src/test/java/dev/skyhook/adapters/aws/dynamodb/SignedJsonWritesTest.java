package dev.skyhook.adapters.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/** The exact bodies of both writes: a put's JSON is the same whether sent alone or in a transaction. */
class SignedJsonWritesTest {
    private static final String ITEM_JSON = "{\"TableName\":\"Rides\",\"Item\":{\"RideId\":{\"S\":\"r\\\"1\"},"
            + "\"Fare\":{\"N\":\"12.5\"},\"Paid\":{\"BOOL\":true},\"Note\":{\"NULL\":true},"
            + "\"Unicorn\":{\"M\":{\"Name\":{\"S\":\"Shadowfax\"}}},\"Stops\":{\"L\":[{\"S\":\"a\"},{\"N\":\"2\"}]}},"
            + "\"ConditionExpression\":\"attribute_not_exists(#id)\",\"ExpressionAttributeNames\":{\"#id\":\"RideId\"},"
            + "\"ExpressionAttributeValues\":{\":n\":{\"N\":\"1\"}}}";

    private final List<String> bodies = new ArrayList<>();
    private final SignedJsonWrites writes = new SignedJsonWrites(
            new CapturingHttp(),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")),
            "us-east-1",
            URI.create("http://localhost:8000"));

    @Test
    void aPutItemIsWrittenExactly() {
        Put put = put();
        assertThat(writes.tryPut(PutItemRequest.builder()
                        .tableName(put.tableName())
                        .item(put.item())
                        .conditionExpression(put.conditionExpression())
                        .expressionAttributeNames(put.expressionAttributeNames())
                        .expressionAttributeValues(put.expressionAttributeValues())
                        .build()))
                .isTrue();

        assertThat(bodies).containsExactly(ITEM_JSON);
    }

    @Test
    void aTransactionsPutsAreWrittenAsAPutItemIs() {
        TransactWriteItem item = TransactWriteItem.builder().put(put()).build();
        TransactWriteItem bare = TransactWriteItem.builder()
                .put(b -> b.tableName("Requests").item(Map.of("Key", AttributeValue.fromS("k"))))
                .build();

        assertThat(writes.tryTransact(TransactWriteItemsRequest.builder()
                        .clientRequestToken("token")
                        .transactItems(item, bare)
                        .build()))
                .isTrue();

        assertThat(bodies)
                .containsExactly("{\"ClientRequestToken\":\"token\",\"TransactItems\":[{\"Put\":" + ITEM_JSON
                        + "},{\"Put\":{\"TableName\":\"Requests\",\"Item\":{\"Key\":{\"S\":\"k\"}}}}]}");
    }

    private static Put put() {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("RideId", AttributeValue.fromS("r\"1"));
        item.put("Fare", AttributeValue.fromN("12.5"));
        item.put("Paid", AttributeValue.fromBool(true));
        item.put("Note", AttributeValue.fromNul(true));
        item.put("Unicorn", AttributeValue.fromM(Map.of("Name", AttributeValue.fromS("Shadowfax"))));
        item.put("Stops", AttributeValue.fromL(List.of(AttributeValue.fromS("a"), AttributeValue.fromN("2"))));
        return Put.builder()
                .tableName("Rides")
                .item(item)
                .conditionExpression("attribute_not_exists(#id)")
                .expressionAttributeNames(Map.of("#id", "RideId"))
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromN("1")))
                .build();
    }

    /** Keeps each request's body and answers 200, as DynamoDB does to a write it stored. */
    private final class CapturingHttp implements SdkHttpClient {
        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    try (var body =
                            request.contentStreamProvider().orElseThrow().newStream()) {
                        bodies.add(new String(body.readAllBytes(), StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(200).build())
                            .responseBody(AbortableInputStream.create(
                                    new java.io.ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8))))
                            .build();
                }

                @Override
                public void abort() {}
            };
        }

        @Override
        public void close() {}
    }
}
