"""Pillow as the Python tutorials use it: for every output, open the file and Image.thumbnail it
(which lets the JPEG decoder shrink while decoding), then save. The cover thumbnail is a thumbnail
just large enough to cover the box, centre-cropped (Pillow has no attention crop). Quality and
progressive JPEG as Darkroom's. Prints one JSON line, like the Node drivers."""
import json
import os
import sys
import time

from PIL import Image

EXTENSION = {"jpeg": "jpg", "webp": "webp"}
HUGE = 1 << 30


def stem(path):
    return os.path.splitext(os.path.basename(path))[0]


def as_rgb(image):
    """JPEG has no alpha: composite on white, as Darkroom does."""
    if image.mode in ("RGB", "L"):
        return image
    rgba = image.convert("RGBA")
    flat = Image.new("RGB", rgba.size, "white")
    flat.paste(rgba, mask=rgba.getchannel("A"))
    return flat


def render(path, spec, fmt, out_dir):
    with Image.open(path) as image:
        width, height = image.size
        box_w, box_h = spec.get("width"), spec.get("height")
        if spec["fit"] == "cover":
            box_w, box_h = box_w or box_h, box_h or box_w
            scale = min(1.0, max(box_w / width, box_h / height))
            image.thumbnail((round(width * scale) or 1, round(height * scale) or 1))
            left = max(0, (image.width - box_w) // 2)
            top = max(0, (image.height - box_h) // 2)
            image = image.crop((left, top, left + min(box_w, image.width), top + min(box_h, image.height)))
        else:
            image.thumbnail((box_w or HUGE, box_h or HUGE))
        target = f"{out_dir}/{stem(path)}-{spec['name']}.{EXTENSION[fmt]}" if out_dir else None
        sink = target or open(os.devnull, "wb")
        if fmt == "jpeg":
            as_rgb(image).save(sink, "JPEG", quality=spec["quality"], progressive=True)
        else:
            image.save(sink, "WEBP", quality=spec["quality"])


def main():
    with open(sys.argv[1]) as f:
        job = json.load(f)
    started = time.perf_counter()
    for path in job["files"]:
        for spec in job["outputs"]:
            for fmt in spec["formats"]:
                render(path, spec, fmt, job.get("outDir"))
    print(json.dumps({"ms": (time.perf_counter() - started) * 1000, "images": len(job["files"])}))


main()
