"""Type stubs for the Rust extension ``zhfast._core`` (see rust/zhfast-py)."""

from array import array
from typing import Callable, final

__all__ = [
    "CoreTokenizer", "IdfTable", "Mode", "TagTable", "__version__", "add_force_split", "bundled_dictionary_bytes",
    "force_split_words", "textrank_keywords", "tfidf_keywords",
]
__version__: str

@final
class CoreTokenizer:
    @staticmethod
    def bundled() -> CoreTokenizer: ...
    @staticmethod
    def compile_dictionary(data: bytes, name: str) -> bytes: ...
    @staticmethod
    def from_compiled(blob: bytes) -> CoreTokenizer: ...
    def freq(self, word: str) -> int | None: ...
    def tag(self, word: str) -> str | None: ...
    @property
    def total(self) -> int: ...
    def word_count(self) -> int: ...
    def freq_keys(self) -> list[str]: ...
    def dag(self, text: str) -> list[list[int]]: ...
    def add_words(self, words: list[tuple[str, int]], merge: bool = True) -> None: ...
    def compact(self, background_threshold: int = 4096) -> None: ...
    def wait_compacted(self) -> None: ...
    def cut(self, text: str, mode: Mode) -> list[str]: ...
    def tokenize(self, text: str, mode: Mode) -> list[tuple[str, int, int]]: ...
    def cut_batch(
        self, texts: list[str], mode: Mode, threads: int | None = None, piece_bytes: int | None = None
    ) -> list[list[str]]: ...
    def offsets(self, text: str, mode: Mode) -> array[int]: ...
    def offsets_batch(
        self, texts: list[str], mode: Mode, threads: int | None = None, piece_bytes: int | None = None
    ) -> list[array[int]]: ...
    def pos_cut(self, text: str, hmm: bool, user_tags: TagTable | None = None) -> list[tuple[str, str]]: ...
    def pos_cut_batch(
        self,
        texts: list[str],
        hmm: bool,
        user_tags: TagTable | None = None,
        threads: int | None = None,
        piece_bytes: int | None = None,
    ) -> list[list[tuple[str, str]]]: ...
    def cut_stream(
        self,
        source: int | object,
        sink: int | object,
        mode: Mode,
        delimiter: str,
        *,
        tag_delimiter: str | None = None,
        user_tags: TagTable | None = None,
        jsonl: bool = False,
        universal_newlines: bool = True,
        threads: int | None = None,
        block_bytes: int = 1048576,
        tick: Callable[[int], object] | None = None,
    ) -> tuple[int, int, int]: ...
    def cut_spans(self, text: str, mode: Mode) -> list[tuple[int, int] | str]: ...

@final
class Mode:
    DEFAULT: Mode
    NO_HMM: Mode
    ALL: Mode
    SEARCH: Mode
    SEARCH_NO_HMM: Mode
    def __int__(self) -> int: ...

@final
class TagTable:
    def __new__(cls, tags: dict[str, str]) -> TagTable: ...
    def __len__(self) -> int: ...

@final
class IdfTable:
    @staticmethod
    def bundled() -> IdfTable: ...
    @property
    def median(self) -> float: ...
    def __len__(self) -> int: ...
    def get(self, word: str) -> float | None: ...
    def to_dict(self) -> dict[str, float]: ...

def tfidf_keywords(
    tokenizer: CoreTokenizer,
    text: str,
    stop_words: object,
    idf: IdfTable | dict[str, float],
    median: float,
    top_k: int | None,
    with_weight: bool,
    allow_pos: list[str] | None = None,
    user_tags: TagTable | None = None,
    with_flag: bool = False,
) -> list[object] | None: ...
def textrank_keywords(
    tokenizer: CoreTokenizer,
    text: str,
    stop_words: object,
    allow_pos: list[str],
    span: int,
    top_k: int | None,
    with_weight: bool,
    user_tags: TagTable | None = None,
    with_flag: bool = False,
) -> list[object] | None: ...
def bundled_dictionary_bytes() -> bytes: ...
def add_force_split(word: str) -> None: ...
def force_split_words() -> list[str]: ...
