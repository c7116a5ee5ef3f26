"""Invitation codes as printed and as typed."""

from hypothesis import given
from hypothesis import strategies as st

from tandem.accounts.models import CODE_ALPHABET, new_invitation_code, normalise_code


def test_a_new_code_is_three_groups_of_four_without_look_alikes() -> None:
    code = new_invitation_code()
    groups = code.split("-")
    assert [len(g) for g in groups] == [4, 4, 4]
    assert set("".join(groups)) <= set(CODE_ALPHABET)
    assert not set("".join(groups)) & set("01OIL")


@given(st.text(alphabet=CODE_ALPHABET, min_size=12, max_size=12), st.sampled_from(["-", " ", "", " - "]))
def test_a_code_typed_in_lower_case_with_any_separators_reads_the_same(raw: str, sep: str) -> None:
    typed = sep.join([raw[:4], raw[4:8], raw[8:]]).lower()
    assert normalise_code(f"  {typed} ") == raw
