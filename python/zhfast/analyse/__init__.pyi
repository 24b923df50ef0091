from typing import Any

from .textrank import TextRank as TextRank
from .tfidf import TFIDF as TFIDF

default_tfidf: TFIDF
default_textrank: TextRank

extract_tags = default_tfidf.extract_tags
tfidf = default_tfidf.extract_tags
set_idf_path = default_tfidf.set_idf_path
textrank = default_textrank.extract_tags

def set_stop_words(stop_words_path: str) -> None: ...
def ChineseAnalyzer(stoplist: Any = ..., minsize: int = 1, stemfn: Any = ..., cachesize: int = 50000) -> Any: ...

