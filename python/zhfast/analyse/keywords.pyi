from typing import Any

class KeywordExtractor:
    STOP_WORDS: set[str]
    stop_words: set[str]
    def set_stop_words(self, stop_words_path: str) -> None: ...
    def extract_tags(self, *args: Any, **kwargs: Any) -> Any: ...
