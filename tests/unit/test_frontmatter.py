import pytest

from toasoan.frontmatter import FrontMatterError, decode, parse


def fails(text: str) -> FrontMatterError:
    with pytest.raises(FrontMatterError) as info:
        parse(text)
    return info.value


def test_fields_carry_their_line_and_typed_text():
    fm = parse("---\ntitle: Cầu mới\ndate: 2026-03-14 08:30\n---\n\nThân bài\n")
    assert fm.present
    assert fm.value("title") == "Cầu mới"
    assert fm.line("date") == 3
    assert fm.value("date") == "2026-03-14 08:30"  # dates stay text for our own parser
    assert fm.body_line == 5
    assert fm.body.strip() == "Thân bài"


def test_yaml_11_surprises_are_visible_to_the_validator():
    fm = parse("---\ntitle: No\nauthor: 12:30\n---\n")
    assert fm.value("title") is False and fm.fields["title"].raw == "No"
    assert fm.value("author") == 750 and fm.fields["author"].raw == "12:30"


def test_no_front_matter_is_not_an_error_here():
    fm = parse("Chỉ có thân bài.\n")
    assert not fm.present and fm.body == "Chỉ có thân bài.\n"


def test_malformed_yaml_names_the_line_of_the_fault():
    error = fails("---\ntitle: Tốt\nauthor: [Trần Thị Đào\ndate: 2026-03-14\n---\n")
    assert error.line == 3
    assert "never closed" in error.message


def test_unclosed_quote_points_at_the_opening_line():
    error = fails('---\ntitle: "Cầu mới\ndate: 2026-03-14\n---\n')
    assert error.line == 2


def test_bad_indentation_is_reported_on_its_line():
    error = fails("---\ntitle: a\nauthor: b: c\n---\n")
    assert error.line == 3 and "not valid YAML" in error.message


def test_unclosed_front_matter_is_an_error():
    assert fails("---\ntitle: a\n\nbody\n").line == 1


def test_empty_front_matter_says_so_not_that_it_is_unclosed():
    error = fails("---\n---\n\nThân bài.\n")
    assert error.line == 1
    assert "front matter is empty" in error.message and "never closed" not in error.message


def test_closing_line_without_a_line_break_is_named_not_called_unclosed():
    error = fails("---\ntitle: a\nlanguage: vi\n---")
    assert error.line == 4
    assert "no line break" in error.message and "never closed" not in error.message


def test_duplicate_keys_are_refused_naming_both_lines():
    error = fails("---\ntitle: a\ndate: 2026-01-01\ntitle: b\n---\n")
    assert error.line == 4 and "line 2" in error.message


def test_aliases_are_refused_billion_laughs():
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\ntitle: *b\n---\n"
    error = fails(bomb)
    assert "aliases" in error.message and error.line == 2


def test_deep_nesting_is_refused():
    nested = "---\ntitle: " + "[" * 50 + "]" * 50 + "\n---\n"
    assert "nested" in fails(nested).message


def test_front_matter_must_be_a_mapping():
    assert "key: value" in fails("---\n- a\n- b\n---\n").message


def test_decode_handles_bom_crlf_and_nfd():
    text = decode("\ufeff---\r\ntitle: Đà Nẵng\r\n---\r\nA\u0300\r\n".encode())
    assert text == "---\ntitle: Đà Nẵng\n---\nÀ\n"


def test_decode_refuses_utf16_and_invalid_utf8_with_a_line():
    with pytest.raises(FrontMatterError, match="UTF-16"):
        decode("---\n".encode("utf-16"))
    with pytest.raises(FrontMatterError, match="not valid UTF-8") as info:
        decode(b"---\ntitle: a\n\xff\n---\n")
    assert info.value.line == 3
