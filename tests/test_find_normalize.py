"""The bulk case fold the index build uses gives each text exactly what `fold` gives it alone."""

from __future__ import annotations

import re
import sys

import pytest

from aigraph.find.normalize import OTHER_SPACE, fold, fold_all

TEXTS = ["Cyberspace Administration of China", "GB/T 45654-2025", "国家互联网信息办公室",
         "Ｆｕｌｌｗｉｄｔｈ ＡＩ", "  padded  twice  ", "line\nbreak\tand tab", "", " ", "ÉTUDE Straße",
         "ﬁle", "non\u00a0breaking", "e\u0301 combining", "\u0301starts with a mark", "ends in space "]


@pytest.mark.parametrize("texts", [TEXTS, TEXTS[:2], TEXTS[1:3], TEXTS[4:5], TEXTS[6:8], [], ["nul\x00inside", "x"],
                                   ["plain ascii", "only"]])
def test_fold_all_folds_each_text_as_fold_does(texts):
    assert fold_all(texts) == [fold(text) for text in texts]


def test_other_space_is_every_white_space_but_the_space():
    listed = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()} - {" "}
    assert {c for c in listed if re.fullmatch(f"[{OTHER_SPACE}]", c)} == listed
    assert not re.fullmatch(f"[{OTHER_SPACE}]", " ") and not re.fullmatch(f"[{OTHER_SPACE}]", "a")
