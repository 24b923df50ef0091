"""How a ``Tokenizer`` travels: its pickled form, and rebuilding it on the other side.

A pickle holds what the tokenizer *is*, not how it got there:

* the dictionary: jieba's bundled one by reference (every copy of zhfast has it); a
  custom one by its path, content hash and size, plus its bytes (see below);
* the effect of the run-time edits (``add_word``, ``del_word``, ``suggest_freq(...,
  tune=True)``, ``load_userdict``): each edited word's final frequency, and ``total``,
  which jieba grows by *every* ``add_word``'s frequency (so it is not the sum of the
  final ones and is kept as a number);
* ``user_word_tag_tab``, in its order; and the process's force-split words (jieba's
  ``finalseg.Force_Split_Words`` is one set per process that every cut reads, so a
  receiver must have the sender's to cut as it does; adding them there is what
  ``del_word`` did here).

So the pickle grows with the number of distinct words edited, never with the number of
edits.  The state is written as canonical JSON (sorted keys and words), so one tokenizer
pickles to the same bytes every time, in any process (Hugging Face ``datasets``
fingerprints functions by their pickle), whatever the identity of the string objects
inside; pickle, cloudpickle and dill all see one ``bytes`` object.

Unpickling looks the state up in a small per-process table first: the same tokenizer
unpickled again in a process (an engine deserialises a task's function for every task)
shares the dictionary already built instead of loading it again; the first edit of one of
them forks it (``CoreTokenizer.fork``: the dictionary is copied only when written).

A custom dictionary's bytes are found, in this order: in that table; at the original
path, if the file there has the same content hash; in the bytes the pickle carries; from
the engine (``loads_shipped``), which the engine adapters use so that each worker reads
the bytes only when it finds no copy of its own.  A plain pickle always carries them,
since nothing tells the sender where it will be unpickled.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from . import _core

if TYPE_CHECKING:
    from ._tokenizer import Tokenizer

#: Version of the state written here; a reader refuses others with a clear error.
FORMAT = 1
#: How many distinct unpickled states a process keeps built (least recently used out).
KEPT = 8

#: The attributes the state covers; any other (a subclass's own) is pickled as usual.
TOKENIZER_FIELDS = frozenset({
    "lock", "dictionary", "user_word_tag_tab", "initialized", "tmp_dir", "cache_file", "_core", "_edits",
    "_dict_id", "_dict_bytes", "_core_shared",
})


def content_hash(data: bytes) -> str:
    """The hash that names a dictionary's content in a pickle."""
    return hashlib.blake2b(data, digest_size=16, person=b"zhfast-source").hexdigest()


def file_id(path: str) -> tuple[str, int]:
    """``(content hash, size)`` of the file at ``path``, read in chunks (a dictionary of
    hundreds of megabytes is never held whole for this)."""
    h = hashlib.blake2b(digest_size=16, person=b"zhfast-source")
    size = 0
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def encode(state: dict[str, Any]) -> bytes:
    """Canonical bytes for a JSON-able state: equal states give equal bytes.  Lone
    surrogates (which ``add_word`` accepts, as jieba does) pass through."""
    text = json.dumps(state, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.encode("utf-8", "surrogatepass")


def decode(blob: bytes) -> dict[str, Any]:
    state = json.loads(blob.decode("utf-8", "surrogatepass"))
    if not isinstance(state, dict) or state.get("format") != FORMAT:
        raise pickle.UnpicklingError(
            f"this zhfast ({_core.__version__}) cannot read a tokenizer pickled in another format")
    return state


# -- the sending side -----------------------------------------------------------------

_by_reference = threading.local()


def tokenizer_state(tok: Tokenizer) -> tuple[bytes, bytes | None]:
    """``(state, dictionary bytes or None)`` for pickling ``tok``.  The bytes are ``None``
    for the bundled dictionary, for a tokenizer not loaded yet (the receiver loads its
    path then, as this one would) and while :func:`dumps_by_reference` runs."""
    state: dict[str, Any] = {
        "format": FORMAT,
        "dictionary": tok.dictionary,
        "initialized": bool(tok.initialized),
        "tmp_dir": tok.tmp_dir,
        "cache_file": tok.cache_file,
        "tags": [[w, t] for w, t in tok.user_word_tag_tab.items()],
        "force_split": _core.force_split_words(),
    }
    data = None
    if tok.initialized:
        state["words"] = sorted([w, f] for w, f in tok._edits.items())
        state["total"] = tok._core.total
        if tok._dict_id is not None:
            digest, size = tok._dict_id
            state["source"] = {"hash": digest, "size": size}
            needed = getattr(_by_reference, "needed", None)
            if needed is None:
                data = dictionary_bytes(tok)
            else:
                needed[digest] = tok
    return encode(state), data


def dictionary_bytes(tok: Tokenizer) -> bytes:
    """The bytes of the custom dictionary ``tok`` loaded: held ones, or the file's if it
    still has that content."""
    assert tok._dict_id is not None
    if tok._dict_bytes is not None:
        return tok._dict_bytes
    digest, _ = tok._dict_id
    try:
        with open(tok.dictionary, "rb") as f:  # type: ignore[arg-type]
            data = f.read()
    except OSError as e:
        raise pickle.PicklingError(f"cannot pickle a tokenizer whose dictionary {tok.dictionary} is gone: {e}") from e
    if content_hash(data) != digest:
        raise pickle.PicklingError(
            f"cannot pickle this tokenizer: its dictionary file {tok.dictionary} changed since it was loaded "
            "(call initialize() again first)")
    return data


def dumps_by_reference(obj: Any) -> tuple[bytes, dict[str, Tokenizer]]:
    """``pickle.dumps(obj)`` with every custom dictionary by content hash only, and the
    tokenizers whose dictionaries were left out, by hash: the caller ships those bytes
    its own way and hands them to :func:`loads_shipped`."""
    needed: dict[str, Tokenizer] = {}
    _by_reference.needed = needed
    try:
        return pickle.dumps(obj, protocol=4), needed
    finally:
        del _by_reference.needed


# -- the receiving side ---------------------------------------------------------------

class _Built:
    """One restored state: its dictionary, built and edited, which the tokenizers restored
    from it share; and the dictionary bytes when no file had them (``get_dict_file``)."""

    __slots__ = ("core", "data")

    def __init__(self, core: Any, data: bytes | None) -> None:
        self.core = core
        self.data = data


_built: OrderedDict[bytes, _Built] = OrderedDict()
_lock = threading.Lock()
_fetch = threading.local()


def _after_fork_in_child() -> None:
    # A thread of the parent may have held the lock while it loaded: in the child that
    # thread is gone and the lock would never be released.
    global _lock
    _lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


def loads_shipped(payload: bytes, fetch: Callable[[str], bytes]) -> Any:
    """``pickle.loads`` of a :func:`dumps_by_reference` payload; ``fetch(hash)`` gives a
    dictionary's bytes, and is called only when they are found nowhere here."""
    _fetch.fn = fetch
    try:
        return pickle.loads(payload)
    finally:
        del _fetch.fn


def _find_dictionary(state: dict[str, Any], carried: bytes | None) -> bytes | None:
    """``None`` when the state's custom dictionary is at its path here, else its bytes
    (carried or fetched), which the restored tokenizers hold (``get_dict_file``)."""
    digest, size, path = state["source"]["hash"], state["source"]["size"], state["dictionary"]
    try:
        if os.path.getsize(path) == size and file_id(path) == (digest, size):
            return None
    except OSError:
        pass
    if carried is None:
        fetch = getattr(_fetch, "fn", None)
        if fetch is not None:
            carried = fetch(digest)
    if carried is None:
        raise OSError(f"the dictionary {path} of a pickled tokenizer (content {digest}) is not on this machine, "
                      "and the pickle does not carry it")
    if content_hash(carried) != digest:
        raise pickle.UnpicklingError(f"the bytes given for dictionary {path} do not have its content hash {digest}")
    return carried


def _load_bytes(data: bytes, state: dict[str, Any]) -> Any:
    """A core for dictionary text that no file here has: written to a temporary file
    for the cache's loader (which reads files; the compiled form keeps nothing of the
    text, so the file goes at once).  The cache is keyed by content, so the next process
    on this machine that receives the same bytes maps the compiled entry."""
    import tempfile

    from ._cache import load_dictionary

    fd, tmp = tempfile.mkstemp(prefix="zhfast-dict-", suffix=".txt")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        return load_dictionary(tmp, state["dictionary"], state["tmp_dir"], state["cache_file"])
    finally:
        os.unlink(tmp)


def _build(state: dict[str, Any], carried: bytes | None) -> _Built:
    from . import _tokenizer
    from ._cache import load_dictionary

    held = None
    if state.get("source") is None:
        core = _core.CoreTokenizer.bundled()
    else:
        held = _find_dictionary(state, carried)
        if held is None:
            core = load_dictionary(state["dictionary"], state["dictionary"], state["tmp_dir"], state["cache_file"])
        else:
            core = _load_bytes(held, state)
    words = [(w, f) for w, f in state["words"]]
    if words:
        core.add_words(words, False)
    # Each word's final frequency went into total once; jieba's total counted every edit.
    core.set_total(state["total"])
    # As load_userdict does: many words are merged into the main trie in the background
    # (a few seconds for the bundled dictionary), and every tokenizer restored from this
    # state shares this core until it is edited, so all of them get the merged version.
    core.compact()
    _tokenizer.count_load()
    return _Built(core, held)


def _built_for(state: dict[str, Any], carried: bytes | None) -> _Built:
    # Only what the dictionary is made of: tokenizers that differ in tags alone share it.
    key = hashlib.blake2b(encode({k: state.get(k) for k in ("dictionary", "source", "words", "total")})).digest()
    with _lock:
        built = _built.get(key)
        if built is None:
            built = _built[key] = _build(state, carried)
            while len(_built) > KEPT:
                _built.popitem(last=False)
        else:
            _built.move_to_end(key)
        return built


def restore_tokenizer(cls: type, blob: bytes, carried: bytes | None, extra: dict[str, Any]) -> Tokenizer:
    """The other end of ``Tokenizer.__reduce__``."""
    from ._tokenizer import Tokenizer

    state = decode(blob)
    tok: Tokenizer = object.__new__(cls)
    Tokenizer.__init__(tok, None)
    tok.dictionary = state["dictionary"]
    tok.tmp_dir = state["tmp_dir"]
    tok.cache_file = state["cache_file"]
    tok.user_word_tag_tab.update((w, t) for w, t in state["tags"])
    for word in state["force_split"]:
        _core.add_force_split(word)
    if state["initialized"]:
        built = _built_for(state, carried)
        tok._core = built.core
        tok._core_shared = True
        tok._edits = {w: f for w, f in state["words"]}
        tok._dict_id = None if state.get("source") is None else (state["source"]["hash"], state["source"]["size"])
        tok._dict_bytes = built.data
        tok.initialized = True
    tok.__dict__.update(extra)
    return tok


# -- POSTokenizer: its tokenizer (pickled as above) and its own tag table ---------------

def _file_tags(pos: Any) -> dict[str, str] | None:
    """The tags ``load_word_tag`` reads from ``pos``'s dictionary file (``{}`` for the
    bundled one, whose tags are in the core), or ``None`` when it cannot be read."""
    try:
        f = pos.tokenizer.get_dict_file()
    except OSError:
        return None
    fresh = object.__new__(type(pos))
    fresh.tokenizer = pos.tokenizer
    try:
        type(pos).load_word_tag(fresh, f)
    except ValueError:
        return None
    return fresh._tags  # type: ignore[no-any-return]


def pos_tags_state(pos: Any) -> bytes:
    """``pos._tags`` as the change from what its dictionary file gives when that
    rebuilds it exactly, order included (the usual case: a few user tags over the
    file's), else whole."""
    tags: dict[str, str] = pos._tags
    base = _file_tags(pos) if pos.tokenizer.dictionary is not None else {}
    if base is not None:
        removed = [w for w in base if w not in tags]
        changed = [[w, t] for w, t in tags.items() if base.get(w) != t]
        rebuilt = dict(base)
        for w in removed:
            del rebuilt[w]
        rebuilt.update((w, t) for w, t in changed)
        if list(rebuilt.items()) == list(tags.items()):
            return encode({"format": FORMAT, "from_file": True, "removed": removed, "set": changed})
    return encode({"format": FORMAT, "from_file": False, "set": [[w, t] for w, t in tags.items()]})


def restore_pos_tokenizer(cls: type, tokenizer: Tokenizer, blob: bytes, extra: dict[str, Any]) -> Any:
    """The other end of ``POSTokenizer.__reduce__``."""
    state = decode(blob)
    pos: Any = object.__new__(cls)
    pos.tokenizer = tokenizer
    pos._table = None
    tags: dict[str, str] = {}
    if state["from_file"] and tokenizer.dictionary is not None:
        found = _file_tags(pos)
        if found is None:
            raise OSError(f"the dictionary {tokenizer.dictionary} of a pickled POSTokenizer is not on this machine")
        tags = found
        for w in state["removed"]:
            del tags[w]
    tags.update((w, t) for w, t in state["set"])
    pos._tags = tags
    pos.__dict__.update(extra)
    return pos
