"""The text check's count of garbage characters (extraction.decode.garbage_share)."""

import unicodedata

from extraction.decode import GARBAGE, garbage_share, text_problem


def test_garbage_is_exactly_the_control_characters_and_replacement_character():
    """The one-regex scan counts what the per-character check it replaced counted, on every code point."""
    for point in range(0x110000):
        char = chr(point)
        control = char not in "\t\n\r\f" and unicodedata.category(char) == "Cc"
        assert bool(GARBAGE.fullmatch(char)) == (char == "\ufffd" or control), hex(point)


def test_garbage_share_of_a_text():
    assert garbage_share("") == 0.0
    assert garbage_share("ab\tc\n") == 0.0
    assert garbage_share("a\x00b\ufffd") == 0.5
    assert text_problem("\ufffd" * 50 + "release") == "undecodable"
    assert text_problem("Rawalpindi, 3 December: a plain release.\r\n") is None
