package dev.skyhook.hosts.lambda;

import dev.skyhook.hosts.lambda.events.ApiGatewayEvents.Format;

/** The acceptance suite as HTTP API (payload 2.0) events, the shape Function URLs send too. */
class LambdaHttpApiAcceptanceIT extends LambdaAcceptance {
    @Override
    protected Format format() {
        return Format.HTTP_V2;
    }
}
