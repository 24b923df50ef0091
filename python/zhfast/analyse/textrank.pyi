from collections import defaultdict
from collections.abc import Iterable
from typing import (
    Any,
    Literal,
    overload,
)

from ..posseg import POSTokenizer, pair
from .keywords import KeywordExtractor

class UndirectWeightedGraph:
    d: float
    graph: defaultdict[Any, list[tuple[Any, Any, float]]]
    def __init__(self) -> None: ...
    def addEdge(self, start: Any, end: Any, weight: float) -> None: ...
    def rank(self) -> dict[Any, float]: ...

class TextRank(KeywordExtractor):
    tokenizer: POSTokenizer
    postokenizer: POSTokenizer
    pos_filt: frozenset[str]
    span: int
    def __init__(self) -> None: ...
    def pairfilter(self, wp: pair) -> bool: ...
    @overload
    def textrank(
        self, sentence: str | bytes, topK: int | None = 20, withWeight: Literal[False] = False,
        allowPOS: Iterable[str] = ("ns", "n", "vn", "v"), withFlag: Literal[False] = False,
    ) -> list[str]: ...
    @overload
    def textrank(
        self, sentence: str | bytes, topK: int | None, withWeight: Literal[True],
        allowPOS: Iterable[str] = ("ns", "n", "vn", "v"), withFlag: Literal[False] = False,
    ) -> list[tuple[str, float]]: ...
    @overload
    def textrank(
        self, sentence: str | bytes, topK: int | None = 20, *, withWeight: Literal[True],
        allowPOS: Iterable[str] = ("ns", "n", "vn", "v"), withFlag: Literal[False] = False,
    ) -> list[tuple[str, float]]: ...
    @overload
    def textrank(
        self, sentence: str | bytes, topK: int | None = 20, withWeight: bool = False,
        allowPOS: Iterable[str] = ("ns", "n", "vn", "v"), withFlag: bool = False,
    ) -> list[Any]: ...
    extract_tags = textrank
