package dev.skyhook.hosts.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The SAM template against what the build produced: every handler it names loads from the zip,
 * the code URI is that zip, SnapStart is on; and against the rules it must keep: no policy allows a
 * wildcard action on a wildcard resource or an action the code does not use, listing is limited to
 * a function's folders, files and rides need the Cognito authorizer, unauthenticated functions are
 * throttled and bounded, the bucket refuses plain HTTP, the database password comes from its secret,
 * stores are retained, API Gateway's refusals carry CORS, and failed upload checks are kept.
 */
class SamTemplateIT {
    @TempDir
    static Path unpacked;

    private static Map<String, Object> template;

    @BeforeAll
    static void load() throws IOException {
        try (Reader reader = Files.newBufferedReader(Path.of(System.getProperty("sam.template", "template.yaml")))) {
            template = new Yaml().load(reader);
        }
        LambdaZip.unpack(LambdaZip.built(), unpacked);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.getOrDefault(key, Map.of());
    }

    @SuppressWarnings("unchecked")
    static Stream<String> handlers() throws IOException {
        if (template == null) {
            load();
        }
        return map(template, "Resources").values().stream()
                .map(resource -> (Map<String, Object>) resource)
                .filter(resource -> "AWS::Serverless::Function".equals(resource.get("Type")))
                .map(resource -> (String) map(resource, "Properties").get("Handler"));
    }

    @ParameterizedTest
    @MethodSource("handlers")
    void everyHandlerTheTemplateNamesLoadsFromTheBuiltZip(String handler) throws Exception {
        assertThat(handler).as("Handler").contains("::");
        String[] parts = handler.split("::");
        LambdaZip.assertHandlerLoads(unpacked, parts[0], parts[1]);
    }

    @Test
    void functionsRunTheBuiltZipOnJavaWithSnapStart() {
        Map<String, Object> function = map(map(template, "Globals"), "Function");

        assertThat(Path.of(System.getProperty("sam.template", "template.yaml"))
                        .resolveSibling((String) function.get("CodeUri")))
                .as("CodeUri")
                .isEqualTo(Path.of(System.getProperty("sam.template", "template.yaml"))
                        .resolveSibling("target/skyhook-lambda.zip"));
        assertThat(LambdaZip.built()).exists();
        assertThat((String) function.get("Runtime")).startsWith("java");
        assertThat(map(function, "SnapStart")).containsEntry("ApplyOn", "PublishedVersions");
        assertThat(function).containsKeys("MemorySize", "Timeout", "AutoPublishAlias");
    }

    @Test
    @SuppressWarnings("unchecked")
    void functionsRunOnJava25WhatTheBuildCompiledOnTheArchitectureParameter() throws IOException {
        Map<String, Object> function = map(map(template, "Globals"), "Function");

        assertThat(function.get("Runtime")).isEqualTo("java25");
        try (DataInputStream classFile = new DataInputStream(
                Files.newInputStream(unpacked.resolve("dev/skyhook/hosts/lambda/ApiHandler.class")))) {
            classFile.readInt();
            classFile.readUnsignedShort();
            assertThat(classFile.readUnsignedShort() - 44)
                    .as("Java version of the zip's class files")
                    .isEqualTo(25);
        }
        assertThat(function.get("Architectures")).isEqualTo(List.of(Map.of("Ref", "Architecture")));
        assertThat(map(map(template, "Parameters"), "Architecture"))
                .containsEntry("Default", "x86_64")
                .containsEntry("AllowedValues", List.of("x86_64", "arm64"));
        // C1 only for every function, restored from a snapshot too (java25 would keep C2 there).
        assertThat(map(map(function, "Environment"), "Variables"))
                .containsEntry("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
        for (Object resource : map(template, "Resources").values()) {
            Map<String, Object> properties = map((Map<String, Object>) resource, "Properties");
            assertThat(properties).as("a function's own settings").doesNotContainKeys("Runtime", "Architectures");
            assertThat(map(map(properties, "Environment"), "Variables"))
                    .as("a function's own JVM options")
                    .doesNotContainKey("JAVA_TOOL_OPTIONS");
        }
    }

    @Test
    void theApiTakesBinaryBodiesAndRequiresKeysOnUploads() {
        Map<String, Object> api = map(map(map(template, "Resources"), "SkyhookApi"), "Properties");

        assertThat(api.get("BinaryMediaTypes"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .isNotEmpty();
        assertThat(map(map(api, "Auth"), "UsagePlan")).containsKeys("Throttle", "Quota");
        assertThat((String) map(api, "AccessLogSetting").get("Format"))
                .contains(
                        "$context.requestId",
                        "$context.identity.sourceIp",
                        "$context.identity.caller",
                        "$context.identity.user",
                        "$context.requestTime",
                        "$context.httpMethod",
                        "$context.resourcePath",
                        "$context.status",
                        "$context.protocol",
                        "$context.responseLength");
        Map<String, Object> uploads =
                map(map(map(map(map(template, "Resources"), "ImagesFunction"), "Properties"), "Events"), "Upload");
        assertThat(map(map(uploads, "Properties"), "Auth")).containsEntry("ApiKeyRequired", true);
    }

    @Test
    @SuppressWarnings("unchecked")
    void noPolicyAllowsAWildcardActionOnAWildcardResource() {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object resource : map(template, "Resources").values()) {
            Map<String, Object> properties = map((Map<String, Object>) resource, "Properties");
            for (Object policy : (List<Object>) properties.getOrDefault("Policies", List.of())) {
                if (policy instanceof Map<?, ?> document) {
                    statements.addAll((List<Map<String, Object>>) document.get("Statement"));
                }
            }
            statements.addAll((List<Map<String, Object>>)
                    map(properties, "PolicyDocument").getOrDefault("Statement", List.of()));
        }

        assertThat(statements).isNotEmpty();
        // What is allowed: a Deny of everything (plain HTTP to the bucket) narrows, it grants nothing.
        for (Map<String, Object> statement : statements.stream()
                .filter(statement -> "Allow".equals(statement.get("Effect")))
                .toList()) {
            boolean wildcardAction = asList(statement.get("Action")).stream()
                    .anyMatch(action -> action.equals("*") || action.endsWith(":*"));
            boolean wildcardResource =
                    asList(statement.get("Resource")).stream().anyMatch(resource -> resource.equals("*"));
            assertThat(wildcardAction && wildcardResource)
                    .as("statement %s", statement)
                    .isFalse();
            assertThat(asList(statement.get("Action")))
                    .as("actions of %s", statement)
                    .doesNotContain("s3:*", "dynamodb:*", "*");
        }
    }

    private static Map<String, Object> resource(String name) {
        return map(map(template, "Resources"), name);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements(Map<String, Object> resource) {
        List<Map<String, Object>> statements = new ArrayList<>();
        Map<String, Object> properties = map(resource, "Properties");
        for (Object policy : (List<Object>) properties.getOrDefault("Policies", List.of())) {
            if (policy instanceof Map<?, ?> document) {
                statements.addAll((List<Map<String, Object>>) document.get("Statement"));
            }
        }
        statements.addAll(
                (List<Map<String, Object>>) map(properties, "PolicyDocument").getOrDefault("Statement", List.of()));
        return statements;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> functions() {
        Map<String, Map<String, Object>> functions = new java.util.LinkedHashMap<>();
        map(template, "Resources").forEach((name, resource) -> {
            if ("AWS::Serverless::Function".equals(((Map<String, Object>) resource).get("Type"))) {
                functions.put(name, (Map<String, Object>) resource);
            }
        });
        return functions;
    }

    @Test
    void filesAndRidesNeedTheCognitoAuthorizer() {
        for (String function : List.of("FilesFunction", "RidesFunction")) {
            map(map(resource(function), "Properties"), "Events").forEach((name, event) -> {
                Map<String, Object> properties = map(asMap(event), "Properties");
                if (!"options".equals(properties.get("Method"))) {
                    assertThat(map(properties, "Auth"))
                            .as("%s %s", function, name)
                            .containsEntry("Authorizer", "CognitoAuthorizer");
                }
            });
        }
    }

    /**
     * Anyone may call a route without an authorizer or a key: the stage throttles every route, and
     * each function behind such a route has a reserved concurrency, which is also its ceiling.
     */
    @Test
    void unauthenticatedFunctionsAreThrottledAndBoundedInConcurrency() {
        Map<String, Object> api = map(resource("SkyhookApi"), "Properties");
        assertThat((List<?>) api.get("MethodSettings"))
                .anySatisfy(setting -> assertThat(asMap(setting))
                        .containsEntry("ResourcePath", "/*")
                        .containsEntry("HttpMethod", "*")
                        .containsKeys("ThrottlingRateLimit", "ThrottlingBurstLimit"));

        List<String> open = new ArrayList<>();
        functions()
                .forEach((name, function) -> map(map(function, "Properties"), "Events")
                        .values()
                        .forEach(event -> {
                            Map<String, Object> properties = map(asMap(event), "Properties");
                            Map<String, Object> auth = map(properties, "Auth");
                            if ("Api".equals(asMap(event).get("Type"))
                                    && !"options".equals(properties.get("Method"))
                                    && !auth.containsKey("Authorizer")
                                    && !Boolean.TRUE.equals(auth.get("ApiKeyRequired"))
                                    && !open.contains(name)) {
                                open.add(name);
                            }
                        }));

        assertThat(open).contains("HelloFunction", "ImageVariantsFunction");
        for (String name : open) {
            assertThat(map(resource(name), "Properties")).as(name).containsKey("ReservedConcurrentExecutions");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theBucketRefusesRequestsWithoutTls() {
        assertThat(statements(resource("UploadsBucketPolicy"))).anySatisfy(statement -> {
            assertThat(statement)
                    .containsEntry("Effect", "Deny")
                    .containsEntry("Principal", "*")
                    .containsEntry("Action", "s3:*");
            assertThat(map(map(statement, "Condition"), "Bool")).containsEntry("aws:SecureTransport", "false");
            assertThat((List<Object>) statement.get("Resource")).hasSize(2); // the bucket and its objects
        });
    }

    @Test
    void listingIsAlwaysLimitedToTheFoldersAFunctionNeeds() {
        functions().forEach((name, function) -> {
            for (Map<String, Object> statement : statements(function)) {
                if (asList(statement.get("Action")).contains("s3:ListBucket")) {
                    Object prefixes =
                            map(map(statement, "Condition"), "StringLike").get("s3:prefix");
                    assertThat(prefixes)
                            .as("%s lists without an s3:prefix condition", name)
                            .isNotNull();
                    assertThat(asList(prefixes))
                            .as(name)
                            .isNotEmpty()
                            .noneMatch(prefix -> prefix.equals("*") || !prefix.endsWith("/*"));
                    assertThat(asList(prefixes))
                            .as(name)
                            .noneMatch(prefix -> prefix.startsWith("files/") && !name.equals("FilesFunction"));
                }
            }
        });
    }

    @Test
    void noFunctionIsGrantedAnActionTheCodeDoesNotUse() {
        // The rides adapter puts (also inside a transaction of puts), gets and queries; nothing checks a condition on
        // its own.
        List<String> dynamoDb = statements(resource("RidesFunction")).stream()
                .flatMap(statement -> asList(statement.get("Action")).stream())
                .filter(action -> action.startsWith("dynamodb:"))
                .toList();
        assertThat(dynamoDb).containsExactlyInAnyOrder("dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:Query");
    }

    @Test
    void theDatabasePasswordIsReadFromItsSecretAtInitNotFromTheEnvironment() {
        for (String name : List.of("UsersFunction", "MigrateFunction")) {
            Map<String, Object> variables = map(map(map(resource(name), "Properties"), "Environment"), "Variables");
            assertThat(variables)
                    .as(name)
                    .doesNotContainKey("DB_PASS")
                    .containsEntry("DB_SECRET_ARN", Map.of("Ref", "DbSecretArn"));
            assertThat(statements(resource(name))).as(name).singleElement().satisfies(statement -> {
                assertThat(statement.get("Action")).isEqualTo("secretsmanager:GetSecretValue");
                assertThat(statement.get("Resource")).isEqualTo(Map.of("Ref", "DbSecretArn"));
            });
        }
    }

    @Test
    void storesOutliveTheStackAndTablesHaveGeneratedNames() {
        for (String name : List.of("UploadsBucket", "RidesTable", "RideRequestsTable")) {
            assertThat(resource(name))
                    .as(name)
                    .containsEntry("DeletionPolicy", "Retain")
                    .containsEntry("UpdateReplacePolicy", "Retain");
        }
        for (String name : List.of("RidesTable", "RideRequestsTable")) {
            assertThat(map(resource(name), "Properties")).as(name).doesNotContainKey("TableName");
        }
    }

    @Test
    void apiGatewaysOwnRefusalsCarryCors() {
        Map<String, Object> responses = map(map(resource("SkyhookApi"), "Properties"), "GatewayResponses");
        for (String type : List.of("DEFAULT_4XX", "DEFAULT_5XX")) {
            assertThat(map(map(map(responses, type), "ResponseParameters"), "Headers"))
                    .as(type)
                    .containsEntry("Access-Control-Allow-Origin", "'*'");
        }
    }

    @Test
    void aFailedUploadCheckLandsInAQueue() {
        Map<String, Object> onFailure = map(
                map(map(map(resource("UploadCheckFunction"), "Properties"), "EventInvokeConfig"), "DestinationConfig"),
                "OnFailure");
        assertThat(onFailure).containsEntry("Type", "SQS");
        assertThat(onFailure.get("Destination")).isEqualTo(Map.of("Fn::GetAtt", List.of("UploadCheckFailures", "Arn")));
        assertThat(resource("UploadCheckFailures")).containsEntry("Type", "AWS::SQS::Queue");
        map(map(resource("UploadCheckFunction"), "Properties"), "Events")
                .values()
                .forEach(event -> {
                    List<?> rules = (List<?>) map(map(map(asMap(event), "Properties"), "Filter"), "S3Key")
                            .get("Rules");
                    assertThat(rules)
                            .as("notified of direct uploads only")
                            .singleElement()
                            .satisfies(rule -> assertThat((String) asMap(rule).get("Value"))
                                    .endsWith("/direct/"));
                });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }

    /** A policy field as strings; intrinsic functions ({@code Fn::Sub}) count as specific resources. */
    @SuppressWarnings("unchecked")
    private static List<String> asList(Object value) {
        if (value instanceof List<?> list) {
            return list.stream()
                    .map(item -> item instanceof String s ? s : "(intrinsic)")
                    .toList();
        }
        return List.of(value instanceof String s ? s : "(intrinsic)");
    }
}
