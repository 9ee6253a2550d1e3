package io.aegis.attack;

import java.util.SplittableRandom;

/** Sign flipping (Damaskinos et al. 2018; Blades' "signflipping"): the update times -scale. */
public record SignFlip(double scale) implements UpdateAttack {

    @Override
    public String name() {
        return "sign-flip";
    }

    @Override
    public float[] poison(float[] honestUpdate, SplittableRandom rng) {
        float[] out = new float[honestUpdate.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = (float) (-scale * honestUpdate[j]);
        }
        return out;
    }
}
