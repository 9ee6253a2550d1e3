package io.aegis.data;

/** A data set as published: its training examples (to partition among clients) and its test set. */
public record TrainTest(Samples train, Samples test, int[] inputShape) {}
