package io.aegis.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.scenario.Scenario.SyntheticSpec;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The data side of the 100,000-client scale point: building the population, reading every
 * client's size (what FedAvg weights need) and generating one round's 100 clients. Run with
 * {@code mvn -o test -Dgroups=bench -Dsurefire.excludedGroups=none -Dtest=SyntheticScaleBench}, or under a fixed heap with
 * {@code java -Xmx2g -cp target/test-classes:target/classes:<deps> io.aegis.data.SyntheticScaleBench}.
 */
@Tag("bench")
class SyntheticScaleBench {

    @Test
    void hundredThousandClients() {
        Figures f = measure(100_000);
        System.out.println(f);
        assertTrue(f.constructMs < 30_000, f.toString());
        assertTrue(f.heapAfterMb < 2048, f.toString());
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        System.out.println(measure(n));
    }

    record Figures(int clients, long constructMs, long allSizesMs, long roundMs, int testExamples,
                   long totalTrainExamples, double heapBeforeMb, double heapAfterMb, long maxHeapMb) {
        @Override
        public String toString() {
            return String.format("synthetic %,d clients: construct %d ms (test set %,d examples), clientSize of all %d ms"
                    + " (%,d training examples in total), 100 clients generated %d ms; heap used after GC %.1f MB"
                    + " (%.1f MB before construction), max heap %d MB",
                    clients, constructMs, testExamples, allSizesMs, totalTrainExamples, roundMs, heapAfterMb,
                    heapBeforeMb, maxHeapMb);
        }
    }

    static Figures measure(int n) {
        double before = usedAfterGcMb();
        long t0 = System.nanoTime();
        SyntheticData data = new SyntheticData(new SyntheticSpec(0.5, 0.5, 60, 10, false), n, 42);
        long construct = (System.nanoTime() - t0) / 1_000_000;
        t0 = System.nanoTime();
        long total = 0;
        for (int k = 0; k < n; k++) {
            total += data.clientSize(k);
        }
        long sizes = (System.nanoTime() - t0) / 1_000_000;
        SplittableRandom pick = new SplittableRandom(1);
        t0 = System.nanoTime();
        long checksum = 0;
        for (int i = 0; i < 100; i++) {
            checksum += data.client(pick.nextInt(n)).count();
        }
        long round = (System.nanoTime() - t0) / 1_000_000;
        double after = usedAfterGcMb();
        if (checksum <= 0) {
            throw new IllegalStateException("no samples generated");
        }
        return new Figures(n, construct, sizes, round, data.test().count(), total, before, after,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    private static double usedAfterGcMb() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    }
}
