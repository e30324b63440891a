package dev.skyhook.adapters.aws.dynamodb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.ResolveIdentityRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * The booking's writes ({@code PutItem}, {@code TransactWriteItems} of puts) sent as one signed JSON
 * request, without the SDK's per-call pipeline: under C1 that pipeline was most of a ride's client
 * CPU. Only an answer of 200 is taken here. Anything else (a refused condition, a cancelled
 * transaction, throttling, a server error, no answer at all) and any request this class cannot write
 * exactly makes {@link #tryPut} / {@link #tryTransact} return {@code false}, and the caller sends
 * the same request through the SDK client: its retries, backoff and exceptions are then exactly the
 * SDK's, at the price of one more attempt. Signed by the SDK's own SigV4 signer.
 */
public final class SignedJsonWrites implements AutoCloseable {
    private static final String SERVICE = "dynamodb";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final Set<String> TRANSACT_FIELDS = Set.of("TransactItems", "ClientRequestToken");
    private static final Set<String> TRANSACT_ITEM_FIELDS = Set.of("Put");

    private final SdkHttpClient http;
    private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;
    private final String region;
    private final URI endpoint;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /**
     * @param endpoint where the SDK client sends DynamoDB's calls (the region's endpoint or the override)
     */
    SignedJsonWrites(
            SdkHttpClient http,
            IdentityProvider<? extends AwsCredentialsIdentity> credentials,
            String region,
            URI endpoint) {
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.endpoint = endpoint;
    }

    /** {@code true} if DynamoDB stored the item; {@code false}: send {@code request} through the SDK. */
    public boolean tryPut(PutItemRequest request) {
        StringBuilder json = new StringBuilder(512);
        // A per-request override (credentials, timeouts, headers) is the SDK's to apply.
        if (request.overrideConfiguration().isPresent() || !writePut(json, request)) {
            return false;
        }
        return send("DynamoDB_20120810.PutItem", json);
    }

    /**
     * {@code true} if DynamoDB committed the transaction; {@code false}: send {@code request} through the
     * SDK. The request must carry its client request token: the SDK's attempts then send the same one,
     * so if this attempt was committed but its answer lost, DynamoDB answers theirs as the same
     * transaction (for ten minutes) instead of running it again.
     */
    public boolean tryTransact(TransactWriteItemsRequest request) {
        if (request.clientRequestToken() == null
                || request.overrideConfiguration().isPresent()
                || !onlyFields(request, TRANSACT_FIELDS)) {
            return false;
        }
        StringBuilder json = new StringBuilder(1024).append("{\"ClientRequestToken\":");
        if (!string(json, request.clientRequestToken())) {
            return false;
        }
        json.append(",\"TransactItems\":[");
        List<TransactWriteItem> items = request.transactItems();
        for (int i = 0; i < items.size(); i++) {
            TransactWriteItem item = items.get(i);
            if (!onlyFields(item, TRANSACT_ITEM_FIELDS) || item.put() == null) {
                return false;
            }
            json.append(i == 0 ? "{\"Put\":" : ",{\"Put\":");
            if (!writePut(json, item.put())) {
                return false;
            }
            json.append('}');
        }
        json.append("]}");
        return send("DynamoDB_20120810.TransactWriteItems", json);
    }

    private boolean send(String target, StringBuilder json) {
        byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
        try {
            SdkHttpRequest request = SdkHttpRequest.builder()
                    .method(SdkHttpMethod.POST)
                    .uri(endpoint)
                    .putHeader("Content-Type", CONTENT_TYPE)
                    .putHeader("X-Amz-Target", target)
                    .putHeader("Content-Length", Integer.toString(body.length))
                    .build();
            AwsCredentialsIdentity identity = credentials
                    .resolveIdentity(ResolveIdentityRequest.builder().build())
                    .join();
            SignedRequest signed = signer.sign(r -> r.identity(identity)
                    .request(request)
                    .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region));
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                            .request(signed.request())
                            .contentStreamProvider(signed.payload().orElse(null))
                            .build())
                    .call();
            // Read to the end, so the connection goes back to the pool; a success's body is "{}" and says nothing.
            try (InputStream answer = response.responseBody().orElse(null)) {
                if (answer != null) {
                    answer.transferTo(OutputStream.nullOutputStream());
                }
            }
            return response.httpResponse().statusCode() == 200;
        } catch (IOException | RuntimeException e) {
            // No answer, or none to trust: the SDK sends it again and decides, as its own retry would.
            return false;
        }
    }

    /**
     * {@code {"TableName":...,"Item":{...},...}} for a put ({@code PutItem} request or a transaction's
     * {@code Put}: their fields have the same names) that sets no field but these five;
     * {@code false} (nothing usable written) for anything else or an attribute this writer does not write.
     */
    @SuppressWarnings("unchecked")
    private static boolean writePut(StringBuilder json, SdkPojo put) {
        String table = null;
        Map<String, AttributeValue> item = null;
        String condition = null;
        Map<String, String> names = null;
        Map<String, AttributeValue> values = null;
        for (SdkField<?> field : put.sdkFields()) {
            Object value = field.getValueOrDefault(put);
            if (value == null || isUnsetCollection(value)) {
                continue;
            }
            switch (field.memberName()) {
                case "TableName" -> table = (String) value;
                case "Item" -> item = (Map<String, AttributeValue>) value;
                case "ConditionExpression" -> condition = (String) value;
                case "ExpressionAttributeNames" -> names = (Map<String, String>) value;
                case "ExpressionAttributeValues" -> values = (Map<String, AttributeValue>) value;
                default -> {
                    return false;
                }
            }
        }
        if (table == null) {
            return false;
        }
        json.append("{\"TableName\":");
        if (!string(json, table)) {
            return false;
        }
        json.append(",\"Item\":");
        if (!attributes(json, item)) {
            return false;
        }
        if (condition != null) {
            json.append(",\"ConditionExpression\":");
            if (!string(json, condition)) {
                return false;
            }
        }
        if (names != null) {
            json.append(",\"ExpressionAttributeNames\":");
            if (!object(json, names, SignedJsonWrites::string)) {
                return false;
            }
        }
        if (values != null) {
            json.append(",\"ExpressionAttributeValues\":");
            if (!attributes(json, values)) {
                return false;
            }
        }
        json.append('}');
        return true;
    }

    /** Whether {@code pojo} sets no field but {@code allowed} (so nothing the SDK would send is left out). */
    private static boolean onlyFields(SdkPojo pojo, Set<String> allowed) {
        for (SdkField<?> field : pojo.sdkFields()) {
            if (!allowed.contains(field.memberName())) {
                Object value = field.getValueOrDefault(pojo);
                if (value != null && !isUnsetCollection(value)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The SDK's models hold an empty "auto-construct" collection for a list or map never set. */
    private static boolean isUnsetCollection(Object value) {
        return value instanceof SdkAutoConstructList<?> || value instanceof SdkAutoConstructMap<?, ?>;
    }

    private static boolean attributes(StringBuilder json, Map<String, AttributeValue> attributes) {
        return attributes != null
                && !isUnsetCollection(attributes)
                && object(json, attributes, SignedJsonWrites::value);
    }

    /** Writes one JSON value; {@code false} for one this writer does not write. */
    private interface ValueWriter<V> {
        boolean write(StringBuilder json, V value);
    }

    /** A JSON object of {@code members}, each value by {@code values}; {@code false} if one cannot be written. */
    private static <V> boolean object(StringBuilder json, Map<String, V> members, ValueWriter<V> values) {
        json.append('{');
        boolean first = true;
        for (Map.Entry<String, V> member : members.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            if (!string(json, member.getKey())) {
                return false;
            }
            json.append(':');
            if (!values.write(json, member.getValue())) {
                return false;
            }
        }
        json.append('}');
        return true;
    }

    /** One attribute value as DynamoDB's JSON has it; {@code false} for the kinds the booking never writes. */
    private static boolean value(StringBuilder json, AttributeValue value) {
        if (value == null) {
            return false;
        }
        switch (value.type()) {
            case S -> {
                json.append("{\"S\":");
                if (!string(json, value.s())) {
                    return false;
                }
            }
            case N -> {
                json.append("{\"N\":");
                if (!string(json, value.n())) {
                    return false;
                }
            }
            case BOOL -> json.append("{\"BOOL\":").append(value.bool().booleanValue());
            case NUL -> json.append("{\"NULL\":true");
            case M -> {
                json.append("{\"M\":");
                if (!attributes(json, value.m())) {
                    return false;
                }
            }
            case L -> {
                json.append("{\"L\":[");
                List<AttributeValue> list = value.l();
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        json.append(',');
                    }
                    if (!value(json, list.get(i))) {
                        return false;
                    }
                }
                json.append(']');
            }
            default -> {
                return false;
            }
        }
        json.append('}');
        return true;
    }

    /**
     * A JSON string: quote, backslash and control characters escaped. {@code false} for a string with
     * a lone surrogate, which has no UTF-8 form: the SDK decides what becomes of it.
     */
    static boolean string(StringBuilder json, String text) {
        if (text == null) {
            return false;
        }
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                json.append(c).append(text.charAt(++i));
            } else if (Character.isLowSurrogate(c)) {
                return false;
            } else {
                json.append(c);
            }
        }
        json.append('"');
        return true;
    }

    @Override
    public void close() {
        http.close();
    }
}
