package io.nbo.decisioning.contact;

/** The customer's standing in one campaign: group, first exposure, and what the campaign has earned from them. */
public record CampaignExposure(boolean control, long firstAt, boolean converted, double revenue) {
}
