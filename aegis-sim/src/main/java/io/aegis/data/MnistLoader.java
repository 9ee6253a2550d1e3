package io.aegis.data;

import java.nio.file.Path;
import java.util.List;

/** MNIST and Fashion-MNIST: the same four gzipped IDX files, 28x28 grey images, 10 classes. */
final class MnistLoader {
    static final List<String> FILES = List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
    static final int SIDE = 28;
    static final int CLASSES = 10;

    private MnistLoader() {}

    static TrainTest load(Path folder) {
        Samples train = read(IdxFiles.locate(folder, FILES.get(0)), IdxFiles.locate(folder, FILES.get(1)));
        Samples test = read(IdxFiles.locate(folder, FILES.get(2)), IdxFiles.locate(folder, FILES.get(3)));
        return new TrainTest(train, test, new int[] {1, SIDE, SIDE});
    }

    private static Samples read(Path images, Path labels) {
        int[] y = IdxFiles.readLabels(labels, CLASSES);
        float[] x = IdxFiles.readImages(images, SIDE, SIDE);
        int count = x.length / (SIDE * SIDE);
        if (count != y.length) {
            throw new MalformedDataException(images.getFileName() + " holds " + count + " images but "
                    + labels.getFileName() + " holds " + y.length + " labels (in " + images.getParent() + ")");
        }
        return new Samples(x, y, SIDE * SIDE, CLASSES);
    }
}
