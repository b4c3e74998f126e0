"""A one-line progress bar for long imports, drawn only on a terminal."""

import time


class ProgressBar:
    """Redraws "label [#####     ] 4,500/10,000" in place; silent for the first `delay` seconds."""

    delay = 1.0
    interval = 0.1
    width = 30

    def __init__(self, out, total, label):
        self.out = out
        self.total = max(total, 1)
        self.label = label
        self.done = 0
        self.started = time.monotonic()
        self.drawn_at = None

    def __call__(self, step=1):
        self.done += step
        now = time.monotonic()
        if now - self.started < self.delay:
            return
        if self.drawn_at is None or now - self.drawn_at >= self.interval or self.done >= self.total:
            self.draw()
            self.drawn_at = now

    def draw(self):
        filled = self.width * min(self.done, self.total) // self.total
        bar = "#" * filled + " " * (self.width - filled)
        self.out.write(f"\r{self.label} [{bar}] {self.done:,}/{self.total:,}", ending="")
        self.out.flush()

    def finish(self):
        if self.drawn_at is not None:
            self.draw()
            self.out.write("")
