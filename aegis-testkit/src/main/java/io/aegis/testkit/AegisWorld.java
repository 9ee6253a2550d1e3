package io.aegis.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that starts an {@link AegisTestKit} world and closes it: one world per test
 * class ({@link #perClass}, registered on a static field: the rounds go on from test to test in
 * the class's order) or a fresh one per test ({@link #perTest}). Test methods get the kit as a
 * parameter:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final AegisWorld world = AegisWorld.perTest(AegisTestKit.builder(WORLD).rule(new MyRule()));
 *
 * @Test
 * void scaledUpdatesAreLeftOut(AegisTestKit kit) { ... }
 * }</pre>
 */
public final class AegisWorld implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver {

    private final AegisTestKit.Builder builder;
    private final boolean perClass;
    private AegisTestKit current;
    private boolean startedForClass;

    private AegisWorld(AegisTestKit.Builder builder, boolean perClass) {
        this.builder = builder;
        this.perClass = perClass;
    }

    /** One world for the whole class, started before its first test and closed after its last (register on a static field). */
    public static AegisWorld perClass(AegisTestKit.Builder builder) {
        return new AegisWorld(builder, true);
    }

    /** A fresh world for every test, closed after it. */
    public static AegisWorld perTest(AegisTestKit.Builder builder) {
        return new AegisWorld(builder, false);
    }

    /** The running world (inside a test). */
    public AegisTestKit kit() {
        if (current == null) {
            throw new IllegalStateException("no world is running: use the kit inside a test");
        }
        return current;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (perClass) {
            current = builder.start();
            startedForClass = true;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (startedForClass) {
            closeCurrent();
            startedForClass = false;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        // registered on an instance field, beforeAll never runs: the world then lives for one test
        if (current == null) {
            current = builder.start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!startedForClass) {
            closeCurrent();
        }
    }

    private void closeCurrent() {
        if (current != null) {
            try {
                current.close();
            } finally {
                current = null;
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == AegisTestKit.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return kit();
    }
}
