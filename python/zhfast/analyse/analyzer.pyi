import re
from collections.abc import Iterator
from typing import Any

STOP_WORDS: frozenset[str]
accepted_chars: re.Pattern[str]

class ChineseTokenizer:
    def __call__(self, text: str, **kargs: Any) -> Iterator[Any]: ...

def ChineseAnalyzer(stoplist: Any = ..., minsize: int = 1, stemfn: Any = ..., cachesize: int = 50000) -> Any: ...
