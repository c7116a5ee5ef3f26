"""The frameworks say what their documents say (DOMAIN.md), and the selectors read them cheaply."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tandem.curriculum import selectors
from tandem.curriculum.models import Area, Statement

pytestmark = pytest.mark.django_db


def _tree(code: str) -> selectors.CurriculumTree:
    return selectors.curriculum_tree(selectors.framework_get(code=code))


@pytest.mark.parametrize("code", ["eyfs-dm-2023", "eyfs-b25m-2021"])
def test_eyfs_has_seven_areas_three_of_them_prime_and_seventeen_elgs(code: str) -> None:
    tree = _tree(code)
    assert len(tree.areas) == 7
    assert [n.area.short_code for n in tree.areas if n.area.is_prime] == ["CL", "PSED", "PD"]
    assert {n.area.kind for n in tree.areas} == {"prime", "specific"}
    assert len(tree.elgs) == 17
    assert sum(s.in_gld for s in tree.elgs) == 12  # prime areas + Literacy + Mathematics


def test_gld_is_the_twelve_elgs_of_the_prime_areas_literacy_and_mathematics() -> None:
    gld_areas = set(
        Statement.objects.filter(framework=selectors.framework_get(code="eyfs-dm-2023"), in_gld=True).values_list(
            "area__short_code", flat=True
        )
    )
    assert gld_areas == {"CL", "PSED", "PD", "L", "M"}


def test_development_matters_has_its_three_age_bands_and_groups_by_elg() -> None:
    tree = _tree("eyfs-dm-2023")
    assert [b.name for b in tree.bands] == ["Birth to three", "3 and 4-year-olds", "Children in reception"]
    cl = tree.areas[0]
    assert [a.aspect.code for a in cl.aspects] == ["eyfs-dm-2023:cl:listening", "eyfs-dm-2023:cl:speaking"]
    assert cl.aspects[0].statements[0].text == "Listening, Attention and Understanding"


def test_birth_to_five_matters_has_six_ranges_without_invented_ages() -> None:
    tree = _tree("eyfs-b25m-2021")
    assert [b.name for b in tree.bands] == [f"Range {i}" for i in range(1, 7)]
    assert all(b.age_from_months is None and b.age_to_months is None for b in tree.bands)


def test_characteristics_of_effective_learning_have_three_sub_points_each() -> None:
    tree = _tree("eyfs-dm-2023")
    assert [c.name for c in tree.characteristics] == [
        "Playing and exploring",
        "Active learning",
        "Creating and thinking critically",
    ]
    assert [len(c.points) for c in tree.characteristics] == [3, 3, 3]


@pytest.mark.parametrize(
    ("code", "names"),
    [
        ("te-whariki-2017", ["Wellbeing", "Belonging", "Contribution", "Communication", "Exploration"]),
        ("wales-curriculum", ["Belonging", "Communication", "Exploration", "Physical development", "Well-being"]),
        (
            "ni-preschool",
            [
                "The Arts",
                "Language Development",
                "Early Mathematical Experiences",
                "Personal, Social and Emotional Development",
                "Physical Development and Movement",
                "The World Around Us",
            ],
        ),
    ],
)
def test_other_frameworks_store_their_top_level_structure_only(code: str, names: list[str]) -> None:
    tree = _tree(code)
    assert [n.area.name for n in tree.areas] == names
    assert not any(n.aspects or n.statements for n in tree.areas)


def test_te_whariki_keeps_maori_names_and_four_principles() -> None:
    tree = _tree("te-whariki-2017")
    assert tree.areas[0].area.alt_name == "Mana atua"
    assert [(p.name, p.alt_name) for p in tree.principles][0] == ("Empowerment", "Whakamana")
    assert len(tree.principles) == 4


def test_eylf_has_five_outcomes_and_scotland_eight_curriculum_areas() -> None:
    assert len(_tree("eylf-v2").areas) == 5
    scotland = _tree("scotland-realising")
    assert len(scotland.areas) == 8
    assert len([p for p in scotland.principles if p.group == "SHANARRI wellbeing indicators"]) == 8


def test_leuven_scales_have_five_levels_with_the_same_labels() -> None:
    assert selectors.leuven_choices("wellbeing") == selectors.leuven_choices("involvement")
    assert selectors.leuven_choices("involvement")[0] == (1, "1 – Extremely low")
    assert selectors.leuven_label("wellbeing", 4) == "High"
    assert selectors.leuven_label("wellbeing", None) == ""


def test_the_tree_takes_the_same_queries_for_a_small_and_a_large_framework() -> None:
    with CaptureQueriesContext(connection) as small:
        _tree("ni-preschool")
    with CaptureQueriesContext(connection) as large:
        _tree("eyfs-dm-2023")
    # framework, then areas, aspects, statements, bands, characteristics, principles
    assert len(small) == len(large) == 7


def test_framework_for_setting_follows_the_settings_choice(oak_tree) -> None:
    oak_tree.curriculum_framework = "eylf-v2"
    assert selectors.framework_for_setting(oak_tree).code == "eylf-v2"


def test_a_framework_that_was_never_loaded_is_a_clear_error() -> None:
    with pytest.raises(selectors.FrameworkMissing):
        selectors.framework_get(code="nowhere")


def test_curriculum_choices_offer_the_settings_framework_grouped_by_area(oak_tree) -> None:
    choices = selectors.curriculum_choices(oak_tree)
    assert choices.framework.code == "eyfs-dm-2023"
    assert choices.areas.count() == 7
    groups = choices.statement_choices(elgs_only=True)
    assert [g[0] for g in groups][0] == "Communication and Language"
    assert sum(len(g[1]) for g in groups) == 17
    coel = choices.characteristic_choices()
    assert len(coel) == 3 and len(coel[0][1]) == 4  # the characteristic itself + its three sub-points


def test_search_keeps_matching_statements_and_whole_matching_areas() -> None:
    tree = _tree("eyfs-dm-2023")
    hits = selectors.tree_search(tree, query="speak")
    assert [n.area.short_code for n in hits] == ["CL"]
    assert [a.aspect.name for a in hits[0].aspects] == ["Speaking"]
    assert len(selectors.tree_search(tree, query="mathematics")[0].aspects) == 2
    assert selectors.tree_search(tree, query="zzz") == []
    assert selectors.tree_search(tree, query="") == tree.areas


def test_area_explanations_are_plain_words_for_families(oak_tree) -> None:
    explanations = selectors.area_explanations_for_setting(oak_tree)
    assert len(explanations) == 7
    assert explanations[0].name == "Communication and Language"
    assert "listens" in explanations[0].text
    assert explanations[0].is_prime and not explanations[-1].is_prime


def test_labels_are_shown_through_gettext() -> None:
    area = Area.objects.filter(name="Literacy").first()
    with translation.override("pl"):
        assert isinstance(area.display_name, str) and area.display_name
