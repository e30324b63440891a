package dev.skyhook.hosts.server;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.skyhook.adapters.local.signing.SigningSecrets;
import dev.skyhook.hosts.api.http.Authentication;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The local server's stand-in for Cognito: HS256 JWTs shaped like a Cognito ID token (the
 * {@code cognito:username} claim names the user: the rider of a ride, the owner of a file). Verifies the
 * {@code Authorization} header as the Wild Rydes client sends it, the raw token, or as {@code Bearer <token>}.
 */
final class UserTokens {
    static final String ISSUER = "skyhook-local";
    static final Duration LIFETIME = Duration.ofHours(1);
    /** Clocks of client and server may disagree a little. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private static final int SECRET_BYTES = 32;

    private final Supplier<byte[]> secretSource;
    private final Clock clock;
    private volatile byte[] secret;

    UserTokens(Supplier<byte[]> secretSource, Clock clock) {
        this.secretSource = secretSource;
        this.clock = clock;
    }

    /**
     * {@code JWT_SECRET} when set; otherwise a secret generated once and kept in {@code dataDirectory/jwt-secret},
     * read or made when a token is first issued or checked (a server nobody signs in to writes no file).
     */
    static UserTokens fromSettings(Optional<String> configuredSecret, Path dataDirectory) {
        configuredSecret.ifPresent(text -> requireLongEnough(text.getBytes(StandardCharsets.UTF_8)));
        return new UserTokens(
                () -> configuredSecret
                        .map(text -> text.getBytes(StandardCharsets.UTF_8))
                        .orElseGet(() -> keptSecret(dataDirectory.resolve("jwt-secret"))),
                Clock.systemUTC());
    }

    private static byte[] requireLongEnough(byte[] secret) {
        if (secret.length < SECRET_BYTES) {
            throw new IllegalArgumentException(
                    "JWT_SECRET must be at least " + SECRET_BYTES + " bytes (HS256 needs 256 bits)");
        }
        return secret;
    }

    private byte[] secret() {
        byte[] known = secret;
        if (known == null) {
            synchronized (this) {
                if (secret == null) {
                    secret = requireLongEnough(secretSource.get());
                }
                known = secret;
            }
        }
        return known;
    }

    private static byte[] keptSecret(Path file) {
        return SigningSecrets.configuredOrKept(null, file);
    }

    /** A token for {@code username}, valid for {@link #LIFETIME}. */
    IssuedToken issue(String username) {
        Instant now = clock.instant();
        Instant expires = now.plus(LIFETIME);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(username)
                .claim(Authentication.USERNAME_CLAIM, username)
                .claim("token_use", "id")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        try {
            jwt.sign(new MACSigner(secret()));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a user token", e);
        }
        return new IssuedToken(jwt.serialize(), username, expires);
    }

    record IssuedToken(String token, String username, Instant expiresAt) {}

    /** Who the {@code Authorization} header proves the caller is, or why it proves nothing. */
    Authentication authenticate(Optional<String> authorization) {
        if (authorization.isEmpty() || authorization.get().isBlank()) {
            return Authentication.none("the Authorization header is missing (send a user's ID token)");
        }
        String value = authorization.get().strip();
        String token = value.toLowerCase(Locale.ROOT).startsWith("bearer ")
                ? value.substring(7).strip()
                : value;
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            return Authentication.none("the Authorization token is not a signed JWT");
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            return Authentication.none("the Authorization token must be signed with HS256");
        }
        try {
            if (!jwt.verify(new MACVerifier(secret()))) {
                return Authentication.none("the Authorization token's signature is not valid");
            }
            return fromClaims(jwt.getJWTClaimsSet());
        } catch (JOSEException | ParseException e) {
            return Authentication.none("the Authorization token could not be verified");
        }
    }

    private Authentication fromClaims(JWTClaimsSet claims) throws ParseException {
        Date expires = claims.getExpirationTime();
        if (expires == null) {
            return Authentication.none("the Authorization token has no expiry");
        }
        if (expires.toInstant().plus(CLOCK_SKEW).isBefore(clock.instant())) {
            return Authentication.none("the Authorization token has expired");
        }
        if (!ISSUER.equals(claims.getIssuer())) {
            return Authentication.none("the Authorization token was not issued by " + ISSUER);
        }
        return Authentication.fromClaims(claims.getClaims(), "the Authorization token");
    }
}
