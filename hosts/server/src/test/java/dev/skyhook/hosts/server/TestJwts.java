package dev.skyhook.hosts.server;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** Rider tokens made independently of the server's own code, good and bad, for the server's tests. */
final class TestJwts {
    /** The {@code JWT_SECRET} the tests start the server with. */
    static final String SECRET = "test-secret-of-at-least-thirty-two-bytes!";

    private TestJwts() {}

    static String valid(String username) {
        return signed(SECRET, claims(username, Instant.now().plus(Duration.ofMinutes(5)), UserTokens.ISSUER));
    }

    static String expired(String username) {
        return signed(SECRET, claims(username, Instant.now().minus(Duration.ofMinutes(5)), UserTokens.ISSUER));
    }

    static String signedWithAnotherKey(String username) {
        return signed(
                "another-secret-of-at-least-thirty-two-bytes",
                claims(username, Instant.now().plusSeconds(300), UserTokens.ISSUER));
    }

    static String fromAnotherIssuer(String username) {
        return signed(SECRET, claims(username, Instant.now().plusSeconds(300), "https://cognito-idp.example"));
    }

    /** {@code "alg": "none"}: claims anyone could have written. */
    static String unsigned(String username) {
        return new PlainJWT(claims(username, Instant.now().plusSeconds(300), UserTokens.ISSUER)).serialize();
    }

    static String withoutUsername() {
        return signed(
                SECRET,
                new JWTClaimsSet.Builder()
                        .issuer(UserTokens.ISSUER)
                        .subject("someone")
                        .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                        .build());
    }

    private static JWTClaimsSet claims(String username, Instant expires, String issuer) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(username)
                .claim("cognito:username", username)
                .issueTime(new Date())
                .expirationTime(Date.from(expires))
                .build();
    }

    private static String signed(String secret, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
