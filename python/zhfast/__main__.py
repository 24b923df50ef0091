"""``python -m zhfast`` / ``zhfast``: jieba's command-line interface, same flags, same output,
cut on every core.

With jieba's flags the output is ``python -m jieba``'s, byte for byte: a file's lines end
at ``\\n``, ``\\r\\n`` or ``\\r`` (Python's text mode), standard input's at ``\\n`` (its
lines lose their trailing ``\\r``s), and each line is printed as its tokens joined by the
delimiter.  zhfast's own flags: ``-j`` threads, ``-o`` output file, ``--format jsonl``,
``--progress``; ``.gz``, ``.bz2`` and ``.xz`` files are decompressed (and compressed, for
``-o``).  The reading, cutting and writing run in the core (``zhfast._files``).
"""
from __future__ import annotations

import os
import sys
from argparse import SUPPRESS, ArgumentParser, BooleanOptionalAction


def build_parser(prog_exe=None):
    parser = ArgumentParser(
        usage="%s -m zhfast [options] filename" % (prog_exe or sys.executable),
        description="zhfast command line interface (jieba-compatible).",
        epilog="If no filename specified, use STDIN instead.",
    )
    parser.add_argument("-d", "--delimiter", metavar="DELIM", default=" / ", nargs="?", const=" ",
                        help="use DELIM instead of ' / ' for word delimiter; or a space if it is used without DELIM")
    parser.add_argument("-p", "--pos", metavar="DELIM", nargs="?", const="_",
                        help="enable POS tagging; if DELIM is specified, use DELIM instead of '_' for POS delimiter")
    parser.add_argument("-D", "--dict", help="use DICT as dictionary")
    parser.add_argument("-u", "--user-dict",
                        help="use USER_DICT together with the default dictionary or DICT (if specified)")
    parser.add_argument("-a", "--cut-all", action="store_true", dest="cutall", default=False,
                        help="full pattern cutting (ignored with POS tagging)")
    parser.add_argument("-n", "--no-hmm", dest="hmm", action="store_false", default=True,
                        help="don't use the Hidden Markov Model")
    parser.add_argument("-q", "--quiet", action="store_true", default=False,
                        help="don't print loading messages to stderr")
    parser.add_argument("-V", "--version", action="version", version=_version())
    parser.add_argument("-j", "--jobs", metavar="N", type=_positive_int,
                        help="cut on N threads (default: every core) (zhfast only)")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write to FILE instead of STDOUT; .gz, .bz2, .xz compress (zhfast only)")
    parser.add_argument("--format", choices=("text", "jsonl"), default="text",
                        help="text: jieba's output; jsonl: one JSON array of tokens per line (zhfast only)")
    parser.add_argument("--progress", action=BooleanOptionalAction, default=None,
                        help="show bytes done, MB/s and time left on stderr (default: when stderr is a terminal "
                             "and neither input nor output is) (zhfast only)")
    # Bytes read at a time (tests use tiny blocks to end units and split lines anywhere).
    parser.add_argument("--block-bytes", type=_positive_int, default=None, help=SUPPRESS)
    parser.add_argument("--sample", action="store_true",
                        help="cut the sample text that ships with zhfast (zhfast only)")
    parser.add_argument("filename", nargs="?", help="input file; .gz, .bz2, .xz are decompressed")
    return parser


def _positive_int(text):
    from argparse import ArgumentTypeError

    try:
        n = int(text)
    except ValueError:
        raise ArgumentTypeError("not a number: %r" % text) from None
    if n < 1:
        raise ArgumentTypeError("must be at least 1")
    return n


def _version():
    import zhfast

    return "zhfast %s (jieba %s compatible)" % (zhfast.__version__, zhfast.__jieba_version__)


def _tags_of_the_bundled_dictionary(dictionary):
    """``-p`` with ``-D``: jieba's POSTokenizer read its tags from the bundled dictionary
    before ``-D`` replaced it, so words of the bundled dictionary keep those tags and the
    other words of ``dictionary`` are ``x``.  Returns that table."""
    from . import _core

    tags = {}
    for line in _core.bundled_dictionary_bytes().decode("utf-8").splitlines():
        parts = line.strip().split(" ")
        if len(parts) == 3:
            tags[parts[0]] = parts[2]
    with open(dictionary, "rb") as f:
        for line in f.read().decode("utf-8").lstrip("\ufeff").splitlines():
            word = line.strip().split(" ")[0]
            if word:
                tags.setdefault(word, "x")
    return tags


def main(argv=None):
    import zhfast

    from . import _files

    args = build_parser().parse_args(argv)
    if args.quiet:
        zhfast.setLogLevel(60)
    if args.sample:
        args.filename = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sample.txt")
    if args.pos:
        # As in jieba: posseg is set up before -D changes the dictionary.
        import zhfast.posseg
    source = sink = None
    try:
        source = _files.open_source(args.filename) if args.filename else _files.stdin_source()
        if args.dict:
            zhfast.initialize(args.dict)
        else:
            zhfast.initialize()
        if args.pos and args.dict:
            zhfast.posseg.dt._tags = _tags_of_the_bundled_dictionary(zhfast.dt.dictionary)
            zhfast.posseg.dt._table = None
        if args.user_dict:
            zhfast.load_userdict(args.user_dict)
        sink = _files.open_sink(args.output) if args.output else _files.stdout_sink()
        # Python's standard input splits lines at "\n" only, except on Windows.
        universal = bool(args.filename) or os.name == "nt"
        _files.run_stream(source, sink, cut_all=args.cutall, HMM=args.hmm, pos=args.pos or None,
                          delimiter=str(args.delimiter), format=args.format, jobs=args.jobs, progress=args.progress,
                          universal_newlines=universal, block_bytes=args.block_bytes or _files.BLOCK_BYTES)
    except BrokenPipeError:
        # The reader went away (`zhfast big.txt | head`): stop quietly, as Unix tools do,
        # and keep the interpreter's final flush from failing again on the closed pipe.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except KeyboardInterrupt:
        # Ctrl-C: the core has stopped with the output on a whole line.
        sys.exit(130)
    except (OSError, UnicodeDecodeError, ValueError) as e:
        sys.stderr.write("zhfast: %s\n" % (e,))
        sys.exit(1)
    finally:
        for end in (sink, source):
            if end is not None:
                end.close()


if __name__ == "__main__":
    main()
