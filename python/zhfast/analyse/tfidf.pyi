from collections.abc import Iterable
from typing import Any, Literal, overload

from .._tokenizer import Tokenizer
from ..posseg import POSTokenizer
from .keywords import KeywordExtractor

DEFAULT_IDF: str

class IDFLoader:
    path: str
    median_idf: float
    idf_freq: dict[str, float]
    def __init__(self, idf_path: str | None = None) -> None: ...
    def set_new_path(self, new_idf_path: str) -> None: ...
    def get_idf(self) -> tuple[dict[str, float], float]: ...

class TFIDF(KeywordExtractor):
    tokenizer: Tokenizer
    postokenizer: POSTokenizer
    idf_loader: IDFLoader
    median_idf: float
    idf_freq: dict[str, float]
    def __init__(self, idf_path: str | None = None) -> None: ...
    def set_idf_path(self, idf_path: str) -> None: ...
    @overload
    def extract_tags(
        self, sentence: str | bytes, topK: int | None = 20, withWeight: Literal[False] = False,
        allowPOS: Iterable[str] = (), withFlag: Literal[False] = False,
    ) -> list[str]: ...
    @overload
    def extract_tags(
        self, sentence: str | bytes, topK: int | None, withWeight: Literal[True],
        allowPOS: Iterable[str] = (), withFlag: Literal[False] = False,
    ) -> list[tuple[str, float]]: ...
    @overload
    def extract_tags(
        self, sentence: str | bytes, topK: int | None = 20, *, withWeight: Literal[True],
        allowPOS: Iterable[str] = (), withFlag: Literal[False] = False,
    ) -> list[tuple[str, float]]: ...
    @overload
    def extract_tags(
        self, sentence: str | bytes, topK: int | None = 20, withWeight: bool = False,
        allowPOS: Iterable[str] = (), withFlag: bool = False,
    ) -> list[Any]: ...
