package io.aegis.testkit;

/** Small synthetic worlds for test-kit tests: every client selected every round, no dropout, nothing late by itself. */
final class Worlds {
    private Worlds() {}

    /** 10 honest clients, all selected every round, median rule, 6 rounds, no faults unless injected. */
    static final String TEN_CLIENTS = """
            name = "testkit-world"
            seed = 3
            rounds = 6
            clock = virtual
            dataset { name = synthetic, synthetic { iid = true } }
            training { local-steps = 2, batch-size = 16, learning-rate = 0.05 }
            clients { total = 10, per-round = 10, compute-time = 0.5, network-delay = "none", dropout = 0 }
            round.deadline = 5s
            server.rule = median
            """;
}
