import pytest

from extraction.language import detect_language


@pytest.mark.parametrize(
    ("text", "hint", "language"),
    [
        ("The Chief of Army Staff visited troops.", None, "en"),
        ("آرمی چیف نے شمالی وزیرستان کا دورہ کیا اور جوانوں سے ملاقات کی۔", None, "ur"),
        ("زار قائد الجيش القوات في المنطقة", None, "ar"),
        ("COAS نے دورہ کیا اور فوجی جوانوں سے بات چیت کی", None, "ur"),
        ("", "ur", "ur"),
        ("12345", "en", "en"),
    ],
)
def test_detect_language(text, hint, language):
    assert detect_language(text, hint) == language
