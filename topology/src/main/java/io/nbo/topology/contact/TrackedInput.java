package io.nbo.topology.contact;

import io.nbo.schemas.decisions.DecisionRecord;
import io.nbo.schemas.events.CustomerEvent;

/** What the contact tracker consumes: validated events from the profile updater, or decoded decisions. */
public sealed interface TrackedInput {
    record Event(CustomerEvent event) implements TrackedInput {
    }

    record Decision(DecisionRecord decision) implements TrackedInput {
    }
}
