// SPDX-License-Identifier: GPL-3.0-or-later
package org.omnidesk.capture.vision;

import java.util.Arrays;

/**
 * Pillow's {@code Image.resize(size, BICUBIC)} for 8-bit RGB, reproduced bit for bit: Keys cubic with
 * a = −0.5, support 2 widened by the scale when downscaling (antialias), weights normalised in
 * float64 then rounded to 22-bit fixed point, a horizontal pass into an 8-bit intermediate, then a
 * vertical pass (Pillow's {@code ImagingResampleInner} order and rounding).
 *
 * <p>A {@link Plan} holds the coefficient tables for one (input size, output size) pair and a scratch
 * intermediate, so a video resizes every frame without recomputing or reallocating; a plan is not
 * thread-safe.
 */
public final class PilBicubic {

    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final int HALF = 1 << (PRECISION_BITS - 1);
    private static final double SUPPORT = 2.0;
    private static final double A = -0.5;

    private PilBicubic() {
    }

    /** Resizes {@code src} to {@code width}×{@code height} into a new image. */
    public static RgbImage resize(RgbImage src, int width, int height) {
        return plan(src.width(), src.height(), width, height).apply(src);
    }

    public static Plan plan(int inWidth, int inHeight, int outWidth, int outHeight) {
        return new Plan(inWidth, inHeight, outWidth, outHeight);
    }

    /** One axis: for every output sample the first input index, the tap count and the fixed-point taps. */
    record Taps(int[] first, int[] count, int[] weights, int ksize) {

        static Taps of(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = SUPPORT * filterScale;
            int ksize = (int) Math.ceil(support) * 2 + 1;
            int[] first = new int[outSize];
            int[] count = new int[outSize];
            int[] weights = new int[outSize * ksize];
            double[] k = new double[ksize];
            for (int xx = 0; xx < outSize; xx++) {
                double center = (xx + 0.5) * scale;
                double ss = 1.0 / filterScale;
                // (int) truncates toward zero like C's cast; then clamp into the image.
                int xmin = Math.max(0, (int) (center - support + 0.5));
                int xmax = Math.min(inSize, (int) (center + support + 0.5)) - xmin;
                double ww = 0.0;
                for (int x = 0; x < xmax; x++) {
                    k[x] = cubic((x + xmin - center + 0.5) * ss);
                    ww += k[x];
                }
                for (int x = 0; x < xmax; x++) {
                    double w = ww != 0.0 ? k[x] / ww : k[x];
                    weights[xx * ksize + x] = w < 0 ? (int) (-0.5 + w * (1 << PRECISION_BITS))
                            : (int) (0.5 + w * (1 << PRECISION_BITS));
                }
                first[xx] = xmin;
                count[xx] = xmax;
            }
            return new Taps(first, count, weights, ksize);
        }

        private static double cubic(double x) {
            x = Math.abs(x);
            if (x < 1.0) {
                return ((A + 2.0) * x - (A + 3.0)) * x * x + 1;
            }
            if (x < 2.0) {
                return (((x - 5) * x + 8) * x - 4) * A;
            }
            return 0.0;
        }
    }

    /** Precomputed resize from one size to another. */
    public static final class Plan {
        private final int inWidth;
        private final int inHeight;
        private final int outWidth;
        private final int outHeight;
        private final Taps horizontal;
        private final Taps vertical;
        private final boolean needHorizontal;
        private final boolean needVertical;
        /** First and one-past-last source rows the vertical pass reads. */
        private final int rowFirst;
        private final int rowLast;
        private final byte[] intermediate; // [rowLast - rowFirst, outWidth, 3]
        private final int[] accumulator;   // [outWidth * 3]

        Plan(int inWidth, int inHeight, int outWidth, int outHeight) {
            if (inWidth <= 0 || inHeight <= 0 || outWidth <= 0 || outHeight <= 0) {
                throw new IllegalArgumentException("sizes must be positive: " + inWidth + "x" + inHeight
                        + " -> " + outWidth + "x" + outHeight);
            }
            this.inWidth = inWidth;
            this.inHeight = inHeight;
            this.outWidth = outWidth;
            this.outHeight = outHeight;
            this.needHorizontal = outWidth != inWidth;
            this.needVertical = outHeight != inHeight;
            this.horizontal = needHorizontal ? Taps.of(inWidth, outWidth) : null;
            this.vertical = Taps.of(inHeight, outHeight);
            this.rowFirst = vertical.first()[0];
            this.rowLast = vertical.first()[outHeight - 1] + vertical.count()[outHeight - 1];
            this.intermediate = needHorizontal ? new byte[(rowLast - rowFirst) * outWidth * 3] : null;
            this.accumulator = new int[outWidth * 3];
        }

        public RgbImage apply(RgbImage src) {
            RgbImage dst = RgbImage.blank(outWidth, outHeight);
            apply(src, dst);
            return dst;
        }

        /** Resizes {@code src} (the plan's input size) into {@code dst} (its output size). */
        public void apply(RgbImage src, RgbImage dst) {
            if (src.width() != inWidth || src.height() != inHeight || dst.width() != outWidth
                    || dst.height() != outHeight) {
                throw new IllegalArgumentException("plan is " + inWidth + "x" + inHeight + " -> " + outWidth + "x"
                        + outHeight + ", got " + src.width() + "x" + src.height() + " -> " + dst.width() + "x"
                        + dst.height());
            }
            if (!needHorizontal && !needVertical) {
                System.arraycopy(src.rgb(), 0, dst.rgb(), 0, src.rgb().length);
                return;
            }
            byte[] rows = src.rgb();
            int offset = 0;
            if (needHorizontal) {
                horizontalPass(src.rgb());
                rows = intermediate;
                offset = rowFirst;
            }
            if (needVertical) {
                verticalPass(rows, offset, dst.rgb());
            } else {
                System.arraycopy(rows, 0, dst.rgb(), 0, dst.rgb().length);
            }
        }

        private void horizontalPass(byte[] src) {
            int[] first = horizontal.first();
            int[] count = horizontal.count();
            int[] w = horizontal.weights();
            int ksize = horizontal.ksize();
            for (int y = rowFirst; y < rowLast; y++) {
                int srcRow = y * inWidth * 3;
                int dstPos = (y - rowFirst) * outWidth * 3;
                for (int xx = 0; xx < outWidth; xx++) {
                    int s0 = HALF;
                    int s1 = HALF;
                    int s2 = HALF;
                    int p = srcRow + first[xx] * 3;
                    int k = xx * ksize;
                    for (int end = k + count[xx]; k < end; k++, p += 3) {
                        int c = w[k];
                        s0 += (src[p] & 0xff) * c;
                        s1 += (src[p + 1] & 0xff) * c;
                        s2 += (src[p + 2] & 0xff) * c;
                    }
                    intermediate[dstPos++] = clip8(s0);
                    intermediate[dstPos++] = clip8(s1);
                    intermediate[dstPos++] = clip8(s2);
                }
            }
        }

        /** Rows of {@code src} are numbered from {@code rowOffset}; accumulates whole rows so the loop vectorises. */
        private void verticalPass(byte[] src, int rowOffset, byte[] dst) {
            int[] first = vertical.first();
            int[] count = vertical.count();
            int[] w = vertical.weights();
            int ksize = vertical.ksize();
            int rowLen = outWidth * 3;
            int[] acc = accumulator;
            for (int yy = 0; yy < outHeight; yy++) {
                Arrays.fill(acc, HALF);
                for (int t = 0; t < count[yy]; t++) {
                    int c = w[yy * ksize + t];
                    int p = (first[yy] + t - rowOffset) * rowLen;
                    for (int i = 0; i < rowLen; i++) {
                        acc[i] += (src[p + i] & 0xff) * c;
                    }
                }
                int q = yy * rowLen;
                for (int i = 0; i < rowLen; i++) {
                    dst[q + i] = clip8(acc[i]);
                }
            }
        }
    }

    private static byte clip8(int sum) {
        int v = sum >> PRECISION_BITS;
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }
}
