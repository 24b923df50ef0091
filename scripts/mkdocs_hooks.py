"""MkDocs hooks for the documentation site (``mkdocs.yml``)."""
from __future__ import annotations

import os
from typing import Any


def on_config(config: Any) -> Any:
    """List ``performance.md`` after the benchmarks when the page exists, so the site
    builds (strictly) with or without it."""
    if os.path.isfile(os.path.join(config["docs_dir"], "performance.md")):
        nav = config["nav"]
        titles = [next(iter(item)) if isinstance(item, dict) else item for item in nav]
        at = titles.index("Benchmarks") + 1 if "Benchmarks" in titles else len(nav)
        if not any(isinstance(item, dict) and "performance.md" in item.values() for item in nav):
            nav.insert(at, {"Performance": "performance.md"})
    return config
