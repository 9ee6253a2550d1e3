/**
 * Models and local training. {@link io.aegis.model.Models#create} builds the paper's architectures
 * ({@link io.aegis.model.Architecture}: layers, flat parameter layout, seeded initialisation) on the
 * implementation that measured fastest on the dev box (CPU time per MNIST-shaped step, batch 32,
 * one thread, {@code OMP_NUM_THREADS=1}; see {@code io.aegis.cli.BenchTrainCommand}):
 * <ul>
 *   <li>CNNs: {@link io.aegis.model.OpsCnnWorker}, the network as direct libnd4j ops on preallocated
 *       buffers, on the oneDNN build of libnd4j that {@link io.aegis.model.NativeBackend} picks by CPU
 *       features. mnist-cnn: 19.0 ms vs 23.1 ms for a DL4J MultiLayerNetwork with oneDNN helpers
 *       ({@link io.aegis.model.MlnWorker}), vs roughly 3-4x that for the stock network without oneDNN;
 *       cifar-cnn: 37.2 ms vs 42.3 ms.</li>
 *   <li>Dense-only models (logreg, mlp): {@link io.aegis.model.DenseJavaWorker}, plain Java loops.
 *       logreg (54 -> 2): 0.1 ms vs 0.59 ms as direct ops and ~2.3 ms as a MultiLayerNetwork (fixed
 *       cost per native op); mlp (784-200-10): 0.82 ms vs 1.55 ms as direct ops on MNIST-like inputs
 *       (80% zeros, skipped), 1.41 vs 1.22 ms on dense inputs, 3.4 ms as a MultiLayerNetwork.</li>
 * </ul>
 * All implementations share the layout and initial parameters and agree to float rounding
 * ({@code ImplementationsAgreeTest}); each is deterministic for a given seed on any thread.
 */
package io.aegis.model;
