"""Types mypy must infer for zhfast's calls (read by tests/test_typing.py)."""
# ruff: noqa: F821  (reveal_type is mypy's)
import zhfast
import zhfast.posseg

reveal_type(zhfast.lcut("x"))
reveal_type(zhfast.cut("x"))
reveal_type(zhfast.posseg.lcut("x"))
reveal_type(zhfast.posseg.cut("x"))
reveal_type(zhfast.lcut_for_search("x"))
reveal_type(zhfast.tokenize("x"))
reveal_type(zhfast.cut_offsets("x"))
reveal_type(zhfast.get_FREQ("x"))
reveal_type(zhfast.analyse.extract_tags("x"))
reveal_type(zhfast.analyse.extract_tags("x", withWeight=True))
reveal_type(zhfast.re_han_default)
reveal_type(zhfast.dt.FREQ)
