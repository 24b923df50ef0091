"""``python -m zhfast`` / ``zhfast``: jieba's command-line interface, same flags, same output.

Lines are read in text mode exactly as ``python -m jieba`` reads them (so ``\\r`` and
``\\r\\n`` end lines too), cut, joined by the delimiter and printed.
"""
from __future__ import annotations

import os
import sys
from argparse import ArgumentParser


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
    parser.add_argument("--sample", action="store_true",
                        help="cut the sample text that ships with zhfast (zhfast only)")
    parser.add_argument("filename", nargs="?", help="input file")
    return parser


def _version():
    import zhfast

    return "zhfast %s (jieba %s compatible)" % (zhfast.__version__, zhfast.__jieba_version__)


def main(argv=None):
    import zhfast

    args = build_parser().parse_args(argv)
    if args.quiet:
        zhfast.setLogLevel(60)
    delim = str(args.delimiter)
    if args.sample:
        args.filename = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sample.txt")
    fp = open(args.filename, "r") if args.filename else sys.stdin
    if args.dict:
        zhfast.initialize(args.dict)
    else:
        zhfast.initialize()
    if args.user_dict:
        zhfast.load_userdict(args.user_dict)
    lcut = zhfast.dt.lcut
    if args.pos:
        import zhfast.posseg

        posdelim = args.pos

        def lcut(sentence, _cut_all, hmm):
            return [w + posdelim + f for w, f in zhfast.posseg.dt.lcut(sentence, hmm)]
    try:
        ln = fp.readline()
        while ln:
            print(delim.join(lcut(ln.rstrip("\r\n"), args.cutall, args.hmm)))
            ln = fp.readline()
    except BrokenPipeError:
        # The reader went away (`zhfast big.txt | head`): stop quietly, as Unix tools do,
        # and keep the interpreter's final flush from failing again on the closed pipe.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    finally:
        if fp is not sys.stdin:
            fp.close()


if __name__ == "__main__":
    main()
