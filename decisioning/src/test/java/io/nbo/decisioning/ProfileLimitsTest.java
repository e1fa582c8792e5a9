package io.nbo.decisioning;

import static io.nbo.decisioning.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.nbo.decisioning.identity.ProfileMerger;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.decisioning.profile.ProfileLimits;
import io.nbo.decisioning.profile.ProfileRules;
import io.nbo.decisioning.profile.ProfileUpdater;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileLimitsTest {
    private final ProfileUpdater updater = new ProfileUpdater(ProfileRules.defaults());

    @Test
    void shouldRefuseOnlyWhatGrowsAProfileBeyondItsLimits() {
        CustomerProfile full = withAttributes("c1", "a", ProfileLimits.MAX_ATTRIBUTES);
        CustomerProfile oneMore = updater.apply(full, Events.attributes("c1", Map.of("extra", "x"), T0 + 1));
        CustomerProfile replaced = updater.apply(full, Events.attributes("c1", Map.of("a0", "y"), T0 + 1));

        assertThat(ProfileLimits.refusal(full, oneMore)).get().asString().startsWith("the customer would hold 201 attributes");
        assertThat(ProfileLimits.refusal(full, replaced)).as("a new value of a name held").isEmpty();
        assertThat(ProfileLimits.refusal(null, full)).isEmpty();
    }

    @Test
    void shouldAlwaysKeepRoomForAChannelsConsentAndARecordedPurposesPerChannelEntries() {
        CustomerProfile full = null;
        for (int first = 0; first < ProfileLimits.MAX_CONSENTS; first += 25) {
            Map<String, Boolean> junk = new HashMap<>();
            for (int i = first; i < first + 25; i++) {
                junk.put("junk" + i, false);
            }
            full = updater.apply(full, Events.consents("c1", junk, T0));
        }
        CustomerProfile optedOut = updater.apply(full, Events.consents("c1", Map.of("web", false), T0 + 1));
        CustomerProfile perChannel = updater.apply(full, Events.consents("c1", Map.of("junk1:email", false), T0 + 1));
        CustomerProfile newPurpose = updater.apply(full, Events.consents("c1", Map.of("marketing", true), T0 + 1));

        assertThat(ProfileLimits.refusal(full, optedOut)).as("a channel's own consent").isEmpty();
        assertThat(ProfileLimits.refusal(full, perChannel)).as("a recorded purpose's per-channel entry").isEmpty();
        assertThat(ProfileLimits.refusal(full, newPurpose)).get().asString()
                .startsWith("the customer would hold 101 consent purposes");
    }

    @Test
    void shouldFillAMergedProfileWithTheVisitorsAttributesOnlyWithinTheLimit() {
        CustomerProfile customer = withAttributes("c1", "a", ProfileLimits.MAX_ATTRIBUTES - 5);
        CustomerProfile visitor = withAttributes("v1", "b", 20);

        CustomerProfile merged = new ProfileMerger(ProfileRules.defaults()).merge(customer, visitor, "c1");

        assertThat(merged.attributes()).hasSize(ProfileLimits.MAX_ATTRIBUTES)
                .as("the customer's own stay").containsKeys("a0", "a194");
        assertThat(ProfileLimits.refusal(customer, merged)).isEmpty();
    }

    private CustomerProfile withAttributes(String subject, String prefix, int count) {
        CustomerProfile profile = null;
        for (int first = 0; first < count; first += 50) {
            Map<String, Object> attributes = new HashMap<>();
            for (int i = first; i < Math.min(count, first + 50); i++) {
                attributes.put(prefix + i, "x");
            }
            profile = updater.apply(profile, Events.attributes(subject, attributes, T0));
        }
        return profile;
    }
}
