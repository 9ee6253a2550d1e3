package io.aegis.sweep;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a sweep starts one run: {@code aegis run} (or {@code aegis resume}) in a child JVM of this
 * installation, output to the run's run.log, with the sweep's share of heap and training threads.
 *
 * <p>Why child JVMs rather than several Simulator.run calls in this one: an out-of-memory error, a
 * native crash in ND4J or a stuck run ends that run only, the others and the sweep go on; each run's
 * log lines land in its own file; a child stops on SIGINT/SIGTERM exactly as a lone {@code aegis run}
 * does (at a round boundary, with its summary and a checkpoint), so interrupting and resuming a sweep
 * is the single-run path; and each run's heap and training pool are set per process. The price is a
 * JVM start (a few seconds) per run, small next to a run of the paper's grid.
 */
final class ChildJvm {
    private final List<String> prefix;
    private final Path confDir;

    /**
     * @param confDir  a folder with the application.conf the children read (the installation's, with the
     *                 training pool size of one run)
     * @param javaOpts heap and other JVM options for each child
     */
    ChildJvm(Path confDir, List<String> javaOpts) {
        this.confDir = confDir;
        List<String> p = new ArrayList<>();
        // Its own session: Ctrl-C on the terminal reaches the sweep alone, which passes it on once.
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            p.add("/usr/bin/setsid");
        }
        p.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        p.addAll(javaOpts);
        // the Vector API kernels of the aggregation rules, when this JVM has them (the launcher adds the module)
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            p.add("--add-modules");
            p.add("jdk.incubator.vector");
        }
        for (String key : List.of("aegis.home", "logback.configurationFile", "org.bytedeco.javacpp.cachedir",
                "javacpp.platform", "aegis.shared.datasets", "aegis.project.dir")) {
            String v = System.getProperty(key);
            if (v != null) {
                p.add("-D" + key + "=" + v);
            }
        }
        p.add("-Daegis.conf.dir=" + confDir);
        p.add("-cp");
        p.add(System.getProperty("java.class.path"));
        p.add("io.aegis.cli.Main");
        this.prefix = List.copyOf(p);
    }

    /**
     * Writes {@code confDir}: a copy of the defaults.conf this JVM validated the scenarios against
     * (aegis.conf.dir, else ./conf, else the built-in copy), and an application.conf that includes the
     * installation's and then sets one run's training pool size.
     */
    static Path writeConf(Path confDir, int poolSize) throws IOException {
        Files.createDirectories(confDir);
        String dir = System.getProperty("aegis.conf.dir");
        Path installedConf = Path.of(dir != null && !dir.isBlank() ? dir : "conf").toAbsolutePath();
        Path defaults = installedConf.resolve("defaults.conf");
        if (Files.isRegularFile(defaults)) {
            Files.copy(defaults, confDir.resolve("defaults.conf"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } else {
            try (var in = ChildJvm.class.getClassLoader().getResourceAsStream("aegis/defaults.conf")) {
                if (in == null) {
                    throw new IOException("no defaults.conf in " + installedConf + " nor built in");
                }
                Files.copy(in, confDir.resolve("defaults.conf"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path installed = installedConf.resolve("application.conf");
        StringBuilder b = new StringBuilder("# Written by aegis sweep: each run's share of the training threads.\n");
        if (Files.isRegularFile(installed)) {
            b.append("include file(").append(quote(installed.toString())).append(")\n");
        }
        b.append("aegis.training.pool-size = ").append(poolSize).append('\n');
        Files.writeString(confDir.resolve("application.conf"), b.toString(), StandardCharsets.UTF_8);
        return confDir;
    }

    /** The JVM options of each child: AEGIS_RUN_JAVA_OPTS if set, else a heap of {@code heapMb}. */
    static List<String> javaOpts(int heapMb) {
        String env = System.getenv("AEGIS_RUN_JAVA_OPTS");
        if (env != null && !env.isBlank()) {
            return Arrays.asList(env.strip().split("\\s+"));
        }
        return List.of("-Xmx" + heapMb + "m");
    }

    /** Physical memory in MB, or 4096 when the platform does not say. */
    static long physicalMemoryMb() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() >> 20;
        }
        return 4096;
    }

    Process startRun(Path base, List<String> overrides, Path runDir) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add("run");
        cmd.add(base.toString());
        for (String o : overrides) {
            cmd.add("--set");
            cmd.add(o);
        }
        cmd.add("--run-dir");
        cmd.add(runDir.toString());
        return start(cmd, runDir);
    }

    Process startResume(Path runDir) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add("resume");
        cmd.add(runDir.toString());
        return start(cmd, runDir);
    }

    private Process start(List<String> cmd, Path runDir) throws IOException {
        Files.createDirectories(runDir);
        Path log = runDir.resolve("run.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("OMP_NUM_THREADS", "1");
        Files.writeString(log, "# " + String.join(" ", cmd.subList(cmd.indexOf("io.aegis.cli.Main"), cmd.size())) + "\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        return pb.start();
    }

    /** Passes a signal on: SIGTERM through the Process API, SIGINT with kill(1). */
    static void signal(Process p, String signal) {
        if (!p.isAlive()) {
            return;
        }
        if (signal.equals("INT")) {
            try {
                new ProcessBuilder("kill", "-s", "INT", String.valueOf(p.pid())).start().waitFor();
                return;
            } catch (IOException e) {
                // no kill(1): fall back to SIGTERM, which stops a run the same way
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        p.destroy();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
