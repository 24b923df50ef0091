from collections import defaultdict
from typing import Any, Callable, Dict, Iterable, List, Literal, Optional, Tuple, overload

from ..posseg import POSTokenizer, pair
from .keywords import KeywordExtractor

class UndirectWeightedGraph:
    d: float
    graph: defaultdict[Any, List[Tuple[Any, Any, float]]]
    def __init__(self) -> None: ...
    def addEdge(self, start: Any, end: Any, weight: float) -> None: ...
    def rank(self, sort_key: Optional[Callable[[Any], Any]] = None) -> Dict[Any, float]: ...

class TextRank(KeywordExtractor):
    tokenizer: POSTokenizer
    postokenizer: POSTokenizer
    pos_filt: frozenset[str]
    span: int
    def __init__(self) -> None: ...
    def pairfilter(self, wp: pair) -> bool: ...
    @overload
    def textrank(
        self, sentence: str | bytes, topK: Optional[int] = 20, withWeight: Literal[False] = False,
        allowPOS: Iterable[str] = ("ns", "n", "vn", "v"), withFlag: Literal[False] = False,
    ) -> List[str]: ...
    @overload
    def textrank(
        self, sentence: str | bytes, topK: Optional[int], withWeight: Literal[True],
        allowPOS: Iterable[str] = ("ns", "n", "vn", "v"), withFlag: Literal[False] = False,
    ) -> List[Tuple[str, float]]: ...
    @overload
    def textrank(
        self, sentence: str | bytes, topK: Optional[int] = 20, *, withWeight: Literal[True],
        allowPOS: Iterable[str] = ("ns", "n", "vn", "v"), withFlag: Literal[False] = False,
    ) -> List[Tuple[str, float]]: ...
    @overload
    def textrank(
        self, sentence: str | bytes, topK: Optional[int] = 20, withWeight: bool = False,
        allowPOS: Iterable[str] = ("ns", "n", "vn", "v"), withFlag: bool = False,
    ) -> List[Any]: ...
    extract_tags = textrank
