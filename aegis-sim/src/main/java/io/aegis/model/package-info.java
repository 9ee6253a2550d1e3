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
 *   <li>Dense-only models (logreg, mlp): {@link io.aegis.model.BlasDenseWorker}, OpenBLAS sgemm on
 *       preallocated direct buffers with the SGD step fused into the weight-gradient GEMM. CPU per
 *       step on dense inputs (docs/benchmarks.md, busy machine): mlp 0.65 ms vs 1.33 ms in plain Java
 *       loops ({@link io.aegis.model.DenseJavaWorker}, which skips zero inputs and was 0.82 ms on
 *       MNIST-like inputs), PyTorch 0.66-0.76 ms in the same runs; logreg 0.015 ms vs 0.064 ms.</li>
 * </ul>
 * All implementations share the layout and initial parameters and agree to float rounding
 * ({@code ImplementationsAgreeTest}); each is deterministic for a given seed on any thread.
 */
package io.aegis.model;
