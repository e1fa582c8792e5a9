package io.nbo.service.access;

import io.nbo.schemas.events.CustomerEvent;
import io.nbo.schemas.events.CustomerUpdate;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * What the site key, public on a shop's pages, may not do that the service's own systems may: decide on the
 * channels the customer does not come to by themselves ({@code SITE_KEY_CHANNELS}), where a decision would use up
 * the caps of a real e-mail or call; send the event types a deployment keeps to its servers ({@code SITE_KEY_EVENTS},
 * purchases, say, where campaign figures must hold up); and, where a deployment keeps consent on its servers
 * ({@code SITE_KEY_CONSENTS=withdraw}), give a consent, which anyone could then forge for any customer.
 */
public record SiteKeyLimits(Set<String> channels, boolean givesConsent, Set<String> eventTypes) {
    public static boolean isSiteKey(RoutingContext ctx) {
        return ctx.user() != null && Role.SITE.id().equals(ctx.user().principal().getString("role"));
    }

    /** Why this key may not decide (or preview a decision) on {@code channel}, or null. */
    public String refusedChannel(RoutingContext ctx, String channel, boolean preview) {
        if (channels.contains(channel) || !isSiteKey(ctx)) {
            return null;
        }
        String only = "a site key decides and previews on " + String.join(", ", channels) + " only (SITE_KEY_CHANNELS): ";
        return preview ? only + "what a customer would be offered on the " + channel + " channel is for the business's own"
                + " systems to see, so it is previewed with an agent or marketer key"
                : only + "a decision for " + channel + " counts against that channel's caps, so it is asked for with an"
                + " agent key by the system that sends or speaks it";
    }

    /** Why this key may not send {@code event}, or null. */
    public String refusedEvent(RoutingContext ctx, CustomerEvent event) {
        if (!isSiteKey(ctx)) {
            return null;
        }
        String type = event.eventType().wireName();
        if (!eventTypes.contains(type)) {
            return "$.type: a site key may not send " + type + " events (SITE_KEY_EVENTS): send them from your"
                    + " server, with an agent key";
        }
        if (givesConsent || !(event instanceof CustomerUpdate update) || update.consents() == null) {
            return null;
        }
        return update.consents().entrySet().stream().filter(consent -> Boolean.TRUE.equals(consent.getValue()))
                .map(consent -> "$.consents." + consent.getKey() + ": a site key may withdraw a consent, not give"
                        + " one (SITE_KEY_CONSENTS=withdraw): record given consents from your server, with an agent key")
                .findFirst().orElse(null);
    }
}
