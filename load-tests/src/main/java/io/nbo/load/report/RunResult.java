package io.nbo.load.report;

import java.util.List;

/**
 * Everything one run measured, with what is needed to compare it with another run: when, on what
 * machine, against what, with which settings and command line.
 */
public record RunResult(String startedAt, String commandLine, Machine machine, Target target, Object settings,
                        PopulationResult population, List<PhaseResult> phases, Baselines baselines,
                        List<String> notes) {
    public RunResult {
        phases = List.copyOf(phases);
        notes = List.copyOf(notes);
    }

    /** The service under test: started by the harness, or a running one given by URL. */
    public record Target(String url, String bootstrap, boolean startedByHarness, String serviceJar) {
    }
}
