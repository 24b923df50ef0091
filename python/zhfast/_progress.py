"""The progress line of ``cut_file`` and the command line, drawn on stderr.

With the input's size known: ``42% [########------------] 120.5/287.0 MB  80.1 MB/s  0:02 left``;
otherwise a byte counter: ``120.5 MB  80.1 MB/s  0:01``.  Redrawn in place (``\\r``) at
most five times a second; the rate is the average since the start.
"""
from __future__ import annotations

import sys
import time

_WIDTH = 24
_INTERVAL = 0.2


def _clock(seconds):
    seconds = int(seconds)
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return "%d:%02d:%02d" % (h, m, s) if h else "%d:%02d" % (m, s)


class Progress:
    """Called with the input bytes done; ``close()`` draws the last line and ends it."""

    def __init__(self, total=None, stream=None):
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.start = time.monotonic()
        self.drawn = 0.0
        self.done = 0
        self.width = 0

    def line(self, done, now):
        elapsed = max(now - self.start, 1e-9)
        rate = done / elapsed
        mb = done / 1e6
        if not self.total:
            return "%.1f MB  %.1f MB/s  %s" % (mb, rate / 1e6, _clock(elapsed))
        frac = min(done / self.total, 1.0)
        fill = int(frac * _WIDTH)
        left = (self.total - done) / rate if rate > 0 else 0.0
        return "%3d%% [%s%s] %.1f/%.1f MB  %.1f MB/s  %s left" % (
            frac * 100, "#" * fill, "-" * (_WIDTH - fill), mb, self.total / 1e6, rate / 1e6, _clock(left))

    def draw(self, done, now):
        text = self.line(done, now)
        # Pad over what a longer previous line left on the screen.
        self.stream.write("\r" + text.ljust(self.width))
        self.stream.flush()
        self.width = len(text)
        self.drawn = now

    def __call__(self, done):
        self.done = done
        now = time.monotonic()
        if now - self.drawn >= _INTERVAL:
            self.draw(done, now)

    def close(self):
        self.draw(self.done, time.monotonic())
        self.stream.write("\n")
        self.stream.flush()
