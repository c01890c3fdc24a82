"""Makes the README pictures' inputs: a 32x32 picture of a disc and a square, one DNA sequence and one
iris row of the Captum reference fixtures. Run with /usr/bin/python3 from the repository root."""
import numpy as np

h = w = 32
yy, xx = np.mgrid[0:h, 0:w]
img = np.zeros((3, h, w), np.float32)
img[:] = 0.35 + 0.4 * (xx / (w - 1))  # a light-to-dark background
disc = (yy - 11) ** 2 + (xx - 10) ** 2 <= 36
img[:, disc] = np.array([0.95, 0.2, 0.15], np.float32)[:, None]
square = (yy >= 17) & (yy < 27) & (xx >= 18) & (xx < 28)
img[:, square] = np.array([0.15, 0.3, 0.9], np.float32)[:, None]
np.save("docs/pictures/shapes.npy", img[None])
fixtures = "src/src/test/resources/captum/"
np.save("docs/pictures/dna-row.npy", np.load(fixtures + "dna_cnn/input.npy")[:1])
np.save("docs/pictures/iris-row.npy", np.load(fixtures + "iris_mlp/input.npy")[2:3])
