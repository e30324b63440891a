package dev.skyhook.hosts.lambda;

import dev.skyhook.hosts.lambda.events.ApiGatewayEvents.Format;

/** The acceptance suite as REST API (payload 1.0) proxy events. */
class LambdaRestApiAcceptanceIT extends LambdaAcceptance {
    @Override
    protected Format format() {
        return Format.REST_V1;
    }
}
