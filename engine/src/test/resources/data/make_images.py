"""Makes the image reader's fixtures: small PNGs and what torchvision makes of them.

Run with Debian's Python (PyTorch 1.13, torchvision 0.14, Pillow 9.4): /usr/bin/python3 make_images.py
The PNGs are seeded random pixels; the expected arrays are float32 .npy files:
  rgb_imagenet.npy    ToTensor + Normalize(ImageNet) of rgb.png, (1, 3, 7, 9)
  rgb_resize_5x4.npy  ToTensor, then F.interpolate(bilinear, align_corners=False) to 5x4 (torchvision
                      Resize on a tensor with antialias=False), then Normalize(ImageNet)
  rgb_resize_11x13.npy  the same, upsampled to 11x13
  rgba_gray.npy       ToTensor of rgba.png .convert('L') (PIL's integer luma), (1, 1, 6, 5)
  gray.npy            ToTensor of gray.png (mode L) .convert('RGB'), (1, 3, 4, 6)
  palette.npy         ToTensor of palette.png (mode P) .convert('RGB'), (1, 3, 5, 5)
  rgb_resize_*_raw.npy  the resized tensors before Normalize
  photo.jpg, photo.npy  a 48x64 JPEG (quality 90, PIL's 4:2:0) and ToTensor of it as PIL decodes it
"""
import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from torchvision import transforms

rng = np.random.default_rng(16)
Image.fromarray(rng.integers(0, 256, (7, 9, 3), dtype=np.uint8), "RGB").save("rgb.png")
Image.fromarray(rng.integers(0, 256, (6, 5, 4), dtype=np.uint8), "RGBA").save("rgba.png")
Image.fromarray(rng.integers(0, 256, (4, 6), dtype=np.uint8), "L").save("gray.png")
pal = Image.fromarray(rng.integers(0, 4, (5, 5), dtype=np.uint8), "P")
pal.putpalette([255, 0, 0, 0, 128, 255, 17, 34, 51, 250, 250, 5])
pal.save("palette.png")

to_tensor = transforms.ToTensor()
imagenet = transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])


def save(name, t):
    np.save(name, t.unsqueeze(0).numpy().astype(np.float32))


rgb = to_tensor(Image.open("rgb.png").convert("RGB"))
save("rgb_imagenet.npy", imagenet(rgb))
for h, w in [(5, 4), (11, 13)]:
    r = F.interpolate(rgb.unsqueeze(0), size=(h, w), mode="bilinear", align_corners=False)[0]
    # torchvision's Resize on a tensor with antialias=False is this same call
    assert torch.equal(r, transforms.Resize((h, w), antialias=False)(rgb))
    save("rgb_resize_%dx%d.npy" % (h, w), imagenet(r))
    save("rgb_resize_%dx%d_raw.npy" % (h, w), r)
save("rgba_gray.npy", to_tensor(Image.open("rgba.png").convert("L")))
save("gray.npy", to_tensor(Image.open("gray.png").convert("RGB")))
save("palette.npy", to_tensor(Image.open("palette.png").convert("RGB")))

# a photo-like JPEG: smooth colour waves and noise (made last, so the PNGs above keep their pixels)
y, x = np.mgrid[0:48, 0:64]
photo = np.stack([128 + 100 * np.sin(x / 7.0), 128 + 100 * np.cos(y / 5.0), (x * y) % 256], -1) + rng.normal(0, 8, (48, 64, 3))
Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8)).save("photo.jpg", quality=90)
save("photo.npy", to_tensor(Image.open("photo.jpg").convert("RGB")))
