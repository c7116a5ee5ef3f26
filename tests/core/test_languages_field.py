from tandem.core.forms import LanguagesField


def test_languages_can_be_separated_by_latin_or_arabic_commas_and_semicolons() -> None:
    field = LanguagesField(required=False)
    assert field.clean("Polish, English; Urdu،Arabic") == ["Polish", "English", "Urdu", "Arabic"]
    assert field.clean("") == []
