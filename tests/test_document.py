from copylint import Document, lint_text


def test_positions_are_one_based_characters():
    doc = Document("ab\ncd\n\nefg")
    assert doc.position(0) == (1, 1)
    assert doc.position(3) == (2, 1)
    assert doc.position(8) == (4, 2)


def test_crlf_cr_and_mixed_line_endings():
    doc = Document("one\r\ntwo\rthree\nfour")
    assert [doc.position(doc.text.index(w)) for w in ("two", "three", "four")] == [(2, 1), (3, 1), (4, 1)]
    assert doc.line_text(1) == "one"


def test_bom_is_not_counted_and_tabs_count_one():
    findings = lint_text("\ufeff\tIt ended. .\r\n")
    assert [(f.rule, f.line, f.column) for f in findings] == [("punctuation.stray-stop", 1, 11)]


def test_non_bmp_characters_count_as_one_column():
    findings = lint_text("🙂 é the the end")
    assert [(f.line, f.column) for f in findings] == [(1, 5)]


def test_blocks_split_on_blank_lines_only():
    doc = Document("a\r\nb\r\n\r\nc")
    assert [(b.start, b.end) for b in doc.blocks] == [(0, 4), (8, 9)]


def test_sentences_do_not_split_on_abbreviations_decimals_initials():
    text = ("Mr. Smith met U.S. officials on Feb. 14 at 3.5 p.m. near St. Louis. "
            "Bart H. Meijer wrote it... and left. Then it rained. It ended… Quietly.")
    sentences = [s.text for s in Document(text).sentences]
    assert sentences == [
        "Mr. Smith met U.S. officials on Feb. 14 at 3.5 p.m. near St. Louis.",
        "Bart H. Meijer wrote it... and left.",
        "Then it rained.",
        "It ended…",
        "Quietly.",
    ]


def test_sentence_split_keeps_lowercase_fragment_separate():
    assert [s.text for s in Document("a series of bombings. bomb.").sentences] == [
        "a series of bombings.", "bomb."]


def test_tokens_have_offsets():
    doc = Document("Kyiv's mayor, re-elected")
    assert [(t.text, t.start) for t in doc.tokens] == [("Kyiv's", 0), ("mayor", 7), ("re-elected", 14)]


def test_findings_round_trip_to_their_text():
    text = "Shelling hit Kiev.\r\nThe the mayor said Russian on Monday. It ended. .\n"
    for f in lint_text(text):
        assert text[f.offset:f.end_offset] == f.match
        lines = text.splitlines()
        assert lines[f.line - 1][f.column - 1:].startswith(f.match.splitlines()[0])
