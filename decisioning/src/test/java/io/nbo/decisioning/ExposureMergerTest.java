package io.nbo.decisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.nbo.decisioning.campaigns.CampaignUpdate;
import io.nbo.decisioning.campaigns.GroupStats;
import io.nbo.decisioning.contact.CampaignExposure;
import io.nbo.decisioning.contact.OrderCredit;
import io.nbo.decisioning.identity.ExposureMerger;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ExposureMergerTest {
    private static final long T0 = 1_790_000_000_000L;

    /** The group's totals as the campaign counted the two ids separately: each a customer with its revenue. */
    private static GroupStats countedSeparately(CampaignExposure... exposures) {
        GroupStats stats = GroupStats.NONE;
        for (CampaignExposure e : exposures) {
            CampaignUpdate first = CampaignUpdate.of("k1", "o1", e.control(), e.firstAt()).newCustomer();
            stats = stats.plus(e.converted() ? first.conversion(e.revenue(), 0, true) : first);
        }
        return stats;
    }

    @Test
    void shouldLeaveOneCustomerWithBothSidesRevenueInOneGroup() {
        CampaignExposure customer = new CampaignExposure(false, T0 + 10, true, 30);
        CampaignExposure visitor = new CampaignExposure(false, T0, true, 20);

        ExposureMerger.Merged merged = ExposureMerger.merge(Map.of("k1", customer), Map.of("k1", visitor), T0 + 99);
        GroupStats corrected = countedSeparately(customer, visitor).plus(merged.corrections().get(0));

        assertThat(corrected.customers()).isEqualTo(1);
        assertThat(corrected.convertingCustomers()).isEqualTo(1);
        assertThat(corrected.revenue()).isEqualTo(50);
        assertThat(corrected.revenueSquares()).as("one customer who brought 50").isEqualTo(2500);
        assertThat(merged.exposures().get("k1")).isEqualTo(new CampaignExposure(false, T0, true, 50));
    }

    @Test
    void shouldTakeTheVisitorsEntriesOutOfTheBreakdownBySegment() {
        java.util.List<String> known = java.util.List.of("stage:involvement", "value:high");
        java.util.List<String> anonymous = java.util.List.of("stage:contact", "value:low");
        CampaignExposure customer = new CampaignExposure(false, T0 + 10, false, 0, false, known);
        CampaignExposure visitor = new CampaignExposure(false, T0, false, 0, false, anonymous);
        CampaignExposure heldVisitor = new CampaignExposure(true, T0, false, 0, false, anonymous);
        GroupStats both = GroupStats.NONE.plus(CampaignUpdate.of("k1", "o1", false, T0).newCustomer(anonymous))
                .plus(CampaignUpdate.of("k1", "o1", false, T0 + 10).newCustomer(known));
        GroupStats control = GroupStats.NONE.plus(CampaignUpdate.of("k1", "o1", true, T0).newCustomer(anonymous));

        ExposureMerger.Merged sameGroup = ExposureMerger.merge(Map.of("k1", customer), Map.of("k1", visitor), T0 + 99);
        ExposureMerger.Merged otherGroup = ExposureMerger.merge(Map.of("k1", customer), Map.of("k1", heldVisitor),
                T0 + 99);

        assertThat(both.plus(sameGroup.corrections().get(0)).customersBySegment())
                .isEqualTo(Map.of("stage:involvement", 1L, "value:high", 1L));
        assertThat(sameGroup.exposures().get("k1").segments()).isEqualTo(known);
        assertThat(control.plus(otherGroup.corrections().get(0)).customersBySegment()).isEmpty();
        assertThat(otherGroup.exposures().get("k1").segments()).isEqualTo(known);
    }

    @Test
    void shouldKeepBothIdsCreditsInOneGroupAndDropTheVisitorsWhenItsGroupLostThem() {
        OrderCredit mineCredit = new OrderCredit("o-c", "d-c", "o1", false, T0, 30, 1, null);
        OrderCredit theirCredit = new OrderCredit("o-v", "d-v", "o1", false, T0, 20, 1, null);
        CampaignExposure customer = new CampaignExposure(false, T0 + 10, true, 30, false, null, List.of(mineCredit));
        CampaignExposure visitor = new CampaignExposure(false, T0, true, 20, false, null, List.of(theirCredit));
        CampaignExposure heldCustomer = new CampaignExposure(true, T0 + 10, true, 30, false, null, List.of(mineCredit));

        assertThat(ExposureMerger.merge(Map.of("k1", customer), Map.of("k1", visitor), T0 + 99).exposures().get("k1")
                .credits()).containsExactlyInAnyOrder(mineCredit, theirCredit);
        assertThat(ExposureMerger.merge(Map.of("k1", heldCustomer), Map.of("k1", visitor), T0 + 99).exposures()
                .get("k1").credits()).as("treatment lost the visitor's revenue: a refund has nothing to take back")
                .containsExactly(mineCredit);
    }

    @Test
    void shouldTakeTheVisitorOutOfTheOtherGroupAndKeepTheCustomersStanding() {
        CampaignExposure customer = new CampaignExposure(false, T0 + 10, false, 0);
        CampaignExposure visitor = new CampaignExposure(true, T0, true, 20);

        ExposureMerger.Merged merged = ExposureMerger.merge(Map.of("k1", customer), Map.of("k1", visitor), T0 + 99);
        GroupStats control = countedSeparately(visitor).plus(merged.corrections().get(0));

        assertThat(merged.corrections()).singleElement().satisfies(update -> assertThat(update.control()).isTrue());
        assertThat(control.customers()).isZero();
        assertThat(control.convertingCustomers()).isZero();
        assertThat(control.revenue()).isZero();
        assertThat(control.revenueSquares()).isZero();
        assertThat(merged.exposures().get("k1")).isEqualTo(customer);
    }

    @Test
    void shouldKeepAHeldOutCustomerWhoseVisitorSawTheOffersCountedInControlAsTheyWere() {
        CampaignExposure customer = new CampaignExposure(true, T0 + 10, true, 15);
        CampaignExposure visitor = new CampaignExposure(false, T0, false, 0);

        ExposureMerger.Merged merged = ExposureMerger.merge(Map.of("k1", customer), Map.of("k1", visitor), T0 + 99);
        GroupStats treatment = countedSeparately(visitor);
        for (CampaignUpdate correction : merged.corrections()) {
            treatment = treatment.plus(correction);
        }

        assertThat(merged.corrections()).allSatisfy(update -> assertThat(update.control()).isFalse());
        assertThat(treatment.customers()).isZero();
        assertThat(merged.exposures().get("k1")).as("in control as they were, in neither group from now on")
                .isEqualTo(new CampaignExposure(true, T0 + 10, true, 15, true, null));
    }

    @Test
    void shouldTakeEachCountedCustomerAwayOnceAlongAChainOfLogins() {
        CampaignExposure visitor = new CampaignExposure(false, T0, false, 0);
        CampaignExposure heldOut = new CampaignExposure(true, T0 + 10, true, 50);
        CampaignExposure treated = new CampaignExposure(false, T0 + 20, false, 0);
        GroupStats treatment = countedSeparately(visitor, treated);
        GroupStats control = countedSeparately(heldOut);

        ExposureMerger.Merged first = ExposureMerger.merge(Map.of("k1", heldOut), Map.of("k1", visitor), T0 + 99);
        ExposureMerger.Merged second = ExposureMerger.merge(Map.of("k1", treated), first.exposures(), T0 + 199);
        for (CampaignUpdate correction : Stream.concat(first.corrections().stream(), second.corrections().stream())
                .toList()) {
            if (correction.control()) {
                control = control.plus(correction);
            } else {
                treatment = treatment.plus(correction);
            }
        }

        assertThat(treatment.customers()).as("the person, in the last customer's group").isEqualTo(1);
        assertThat(control.customers()).isZero();
        assertThat(control.convertingCustomers()).isZero();
        assertThat(control.revenue()).isZero();
    }

    @Test
    void shouldCorrectNothingForCampaignsOnlyOneSideMet() {
        CampaignExposure visitor = new CampaignExposure(true, T0, false, 0);

        ExposureMerger.Merged merged = ExposureMerger.merge(Map.of(), Map.of("k2", visitor), T0 + 99);

        assertThat(merged.corrections()).isEmpty();
        assertThat(merged.exposures()).containsEntry("k2", visitor);
    }
}
