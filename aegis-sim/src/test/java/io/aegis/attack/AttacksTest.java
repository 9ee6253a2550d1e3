package io.aegis.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.aegis.scenario.Scenario;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class AttacksTest {

    private static final int[] MNIST = {1, 28, 28};

    private static Optional<Attack> create(String name, String params) {
        return Attacks.create(new Scenario.Behavior(name, ConfigFactory.parseString(params)), 10, MNIST);
    }

    private static Attack attack(String name, String params) {
        return create(name, params).orElseThrow();
    }

    private static InvalidAttackParameter invalid(String name, String params) {
        return assertThrows(InvalidAttackParameter.class, () -> create(name, params));
    }

    @Test
    void everySpecBehaviourIsBuiltAndHonestIsNoAttack() {
        assertEquals(Scenario.Behavior.NAMES, Attacks.NAMES);
        assertEquals(Attacks.NAMES, java.util.List.copyOf(Attacks.PARAMS.keySet()));
        for (String name : Attacks.NAMES) {
            Optional<Attack> a = create(name, "");
            assertEquals(name.equals("honest"), a.isEmpty(), name);
            a.ifPresent(x -> assertEquals(name, x.name()));
        }
    }

    @Test
    void defaultsFollowTheNotes() {
        assertEquals(new NoisyData(1.0), attack("noisy-data", ""));
        assertEquals(new GaussianUpdate(200), attack("gaussian", ""));
        assertEquals(new SignFlip(1), attack("sign-flip", ""));
        assertEquals(new Ipm(0.1, Knowledge.OMNISCIENT), attack("ipm", ""));
        assertEquals(new Alie(OptionalDouble.empty(), Knowledge.OMNISCIENT), attack("alie", ""));
        assertEquals(new MinMax(MinMax.Direction.STD, Knowledge.OMNISCIENT), attack("min-max", ""));
        assertEquals(new TargetedLabelFlip(0, 1), attack("targeted-label-flip", ""));
        assertEquals(new LabelFlip(10), attack("label-flip", ""));
        Backdoor bd = (Backdoor) attack("backdoor", "");
        assertEquals(0, bd.target());
        assertEquals(0.5, bd.poisonFraction());
        assertEquals(1.0, bd.boost());
        assertEquals(9, bd.trigger().positions().length);
        assertEquals(1f, bd.trigger().value());
    }

    @Test
    void parametersAreRead() {
        assertEquals(new GaussianUpdate(5), attack("gaussian", "sigma = 5"));
        assertEquals(new SignFlip(4), attack("sign-flip", "scale = 4"));
        assertEquals(new Ipm(100, Knowledge.OWN), attack("ipm", "epsilon = 100, knowledge = own"));
        assertEquals(new Alie(OptionalDouble.of(1.5), Knowledge.OMNISCIENT), attack("alie", "z = 1.5"));
        assertEquals(new Alie(OptionalDouble.empty(), Knowledge.OMNISCIENT), attack("alie", "z = auto"));
        assertEquals(new MinMax(MinMax.Direction.UNIT_VEC, Knowledge.OWN), attack("min-max", "direction = unit-vec, knowledge = own"));
        assertEquals(new TargetedLabelFlip(7, 1), attack("targeted-label-flip", "source = 7, target = 1"));
        Backdoor bd = (Backdoor) attack("backdoor", "target = 3, poison-fraction = 0.2, boost = 10, trigger-size = 4, trigger-value = 0.8");
        assertEquals(3, bd.target());
        assertEquals(0.2, bd.poisonFraction());
        assertEquals(10.0, bd.boost());
        assertEquals(16, bd.trigger().positions().length);
        assertEquals(0.8f, bd.trigger().value());
        assertInstanceOf(TargetedAttack.class, bd);
    }

    @Test
    void schedulingKeysBesideTheParametersAreIgnored() {
        assertEquals(new GaussianUpdate(3), attack("gaussian", "clients = \"0-3\", rounds = \"1-\", behavior = gaussian, sigma = 3"));
        assertEquals(new Ipm(0.5, Knowledge.OMNISCIENT), attack("ipm", "round = 50, turn = \"10-19\", epsilon = 0.5"));
    }

    @Test
    void unknownParameterIsNamedWithTheClosestValidOne() {
        InvalidAttackParameter e = invalid("gaussian", "sigam = 3");
        assertEquals("sigam", e.key());
        assertTrue(e.getMessage().contains("did you mean 'sigma'"), e.getMessage());
        InvalidAttackParameter e2 = invalid("label-flip", "epsilon = 3");
        assertTrue(e2.getMessage().contains("takes no parameters"), e2.getMessage());
        assertEquals("knowledge", invalid("gaussian", "knowledge = own").key());
    }

    @Test
    void badValuesAreRejectedNamingTheKey() {
        assertEquals("sigma", invalid("gaussian", "sigma = -1").key());
        assertEquals("sigma", invalid("noisy-data", "sigma = lots").key());
        assertEquals("z", invalid("alie", "z = high").key());
        assertEquals("knowledge", invalid("ipm", "knowledge = omnisicent").key());
        assertTrue(invalid("ipm", "knowledge = omnisicent").getMessage().contains("'omniscient'"));
        assertEquals("direction", invalid("min-max", "direction = up").key());
        assertEquals("target", invalid("targeted-label-flip", "source = 2, target = 2").key());
        assertEquals("source", invalid("targeted-label-flip", "source = 10").key());
        assertEquals("source", invalid("targeted-label-flip", "source = 1.5").key());
        assertEquals("poison-fraction", invalid("backdoor", "poison-fraction = 0").key());
        assertEquals("poison-fraction", invalid("backdoor", "poison-fraction = 1.5").key());
        assertEquals("boost", invalid("backdoor", "boost = 0").key());
        assertEquals("trigger-size", invalid("backdoor", "trigger-size = 29").key());
        assertEquals("trigger-size", invalid("backdoor", "trigger-size = 0").key());
        assertEquals("trigger-size", assertThrows(InvalidAttackParameter.class, () -> Attacks.check(
                new Scenario.Behavior("backdoor", ConfigFactory.parseString("trigger-size = 2000000000")))).key());
    }

    @Test
    void checkValidatesParametersWithoutTheDataSet() {
        Attacks.check(new Scenario.Behavior("backdoor", ConfigFactory.parseString("target = 40, trigger-size = 50")));
        InvalidAttackParameter e = assertThrows(InvalidAttackParameter.class,
                () -> Attacks.check(new Scenario.Behavior("ipm", ConfigFactory.parseString("epsilon = -1"))));
        assertEquals("epsilon", e.key());
        assertThrows(IllegalArgumentException.class, () -> Attacks.check(new Scenario.Behavior("alei", ConfigFactory.empty())));
    }

    @Test
    void unknownBehaviourSuggestsTheClosestName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> create("sign-flp", ""));
        assertTrue(e.getMessage().contains("did you mean 'sign-flip'"), e.getMessage());
    }

    @Test
    void labelAttacksNeedTwoClasses() {
        assertThrows(IllegalArgumentException.class,
                () -> Attacks.create(new Scenario.Behavior("label-flip", ConfigFactory.empty()), 1, new int[] {4}));
    }

    @Test
    void backdoorOnVectorsTriggersTheLastFeatures() {
        Backdoor bd = (Backdoor) Attacks.create(new Scenario.Behavior("backdoor", ConfigFactory.empty()), 2, new int[] {54})
                .orElseThrow();
        assertEquals(java.util.List.of(51, 52, 53), java.util.Arrays.stream(bd.trigger().positions()).boxed().toList());
    }
}
