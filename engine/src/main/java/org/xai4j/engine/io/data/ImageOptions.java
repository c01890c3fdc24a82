package org.xai4j.engine.io.data;

import java.util.Arrays;
import java.util.Locale;

/**
 * How images become a batch, as a torchvision pipeline would make it: {@code ToTensor()} (always), then
 * {@code Resize((h, w), antialias=False)} on the tensor when {@code resize} is given, then
 * {@code Normalize(mean, std)} when {@code mean} is given.
 *
 * @param channels the channel order of the batch (rgb, bgr) or one gray channel
 * @param resize   {height, width} of every image after resizing, or null to keep the files' size
 * @param mean     per-channel mean subtracted (one value, or one per channel), or null for no normalization
 * @param std      per-channel divisor, as long as {@code mean}
 */
public record ImageOptions(Channels channels, int[] resize, float[] mean, float[] std) {
    /** ImageNet's per-channel statistics in RGB order, as torchvision's model zoo uses them. */
    public static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f}, IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    /** ToTensor alone: RGB in [0, 1] at the files' size. */
    public static final ImageOptions DEFAULT = new ImageOptions(Channels.RGB, null, null, null);

    /** The channels of the batch: RGB or BGR (3), or GRAY (1, PIL's {@code convert('L')}). */
    public enum Channels {
        RGB, BGR, GRAY;

        public int count() {
            return this == GRAY ? 1 : 3;
        }

        /** rgb, bgr or gray (any case). */
        public static Channels parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--channels must be rgb, bgr or gray, got '" + s + "'");
            }
        }
    }

    public ImageOptions {
        if (channels == null) throw new IllegalArgumentException("channels must be given");
        if (resize != null) {
            if (resize.length != 2 || resize[0] < 1 || resize[1] < 1) {
                throw new IllegalArgumentException("--resize takes H,W (two positive sizes), got " + Arrays.toString(resize));
            }
            resize = resize.clone();
        }
        if ((mean == null) != (std == null)) throw new IllegalArgumentException("mean and std go together");
        if (mean != null) {
            if (mean.length != std.length || (mean.length != 1 && mean.length != channels.count())) {
                throw new IllegalArgumentException("--normalize needs one mean and std per channel (" + channels.count() + " for "
                        + channels.name().toLowerCase(Locale.ROOT) + ") or one for all, got " + mean.length + " and " + std.length);
            }
            for (float s : std) if (!(s > 0) || Float.isInfinite(s)) throw new IllegalArgumentException("--normalize: every std must be positive, got " + s);
            for (float m : mean) if (!Float.isFinite(m)) throw new IllegalArgumentException("--normalize: every mean must be finite, got " + m);
            mean = mean.clone();
            std = std.clone();
        }
    }

    /**
     * Parses {@code --normalize}: {@code imagenet}, or {@code m1,m2,m3/s1,s2,s3} (means, then stds) as
     * torchvision's {@code Normalize(mean, std)}. Returns {mean, std}.
     */
    public static float[][] parseNormalize(String s) {
        if (s.trim().equalsIgnoreCase("imagenet")) return new float[][] {IMAGENET_MEAN.clone(), IMAGENET_STD.clone()};
        String[] parts = s.split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("--normalize takes imagenet or MEAN/STD (e.g. 0.485,0.456,0.406/0.229,0.224,0.225), got '" + s + "'");
        }
        return new float[][] {floats(parts[0], s), floats(parts[1], s)};
    }

    private static float[] floats(String list, String whole) {
        String[] items = list.split(",", -1);
        float[] v = new float[items.length];
        for (int i = 0; i < items.length; i++) {
            try {
                v[i] = Float.parseFloat(items[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--normalize: '" + items[i] + "' is not a number in '" + whole + "'");
            }
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageOptions other && channels == other.channels && Arrays.equals(resize, other.resize)
                && Arrays.equals(mean, other.mean) && Arrays.equals(std, other.std);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * channels.hashCode() + Arrays.hashCode(resize)) + Arrays.hashCode(mean)) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "ImageOptions[channels=" + channels + ", resize=" + Arrays.toString(resize) + ", mean=" + Arrays.toString(mean)
                + ", std=" + Arrays.toString(std) + "]";
    }
}
