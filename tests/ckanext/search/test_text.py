from ckanext.sonla.search import text


def test_fold_strips_vietnamese_diacritics_and_d_bar():
    assert text.fold("Trường Học ĐÀ Đường") == "truong hoc da duong"


def test_fold_treats_decomposed_and_composed_text_alike():
    composed = "Sơn La"
    decomposed = "So\u031bn La"
    assert text.fold(composed) == text.fold(decomposed) == "son la"
    assert text.normalise(decomposed) == "sơn la"


def test_words_keep_accents_and_split_on_punctuation():
    assert text.words("Trường-học, 2026!") == ["trường", "học", "2026"]
    assert text.folded_words("Trường-học, 2026!") == ["truong", "hoc", "2026"]
