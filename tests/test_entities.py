"""extraction.entities: people with ranks, offices, countries, places, and who met whom."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extraction.entities import VERSION, extract_mentions, normalize_name
from extraction.entities.gazetteer import DATA, DATA_FILES
from tests.entities_scoring import load_gold, score

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"persons": 0.90, "countries": 0.95, "engagements": 0.90}


def of_kind(body: str, kind: str) -> list:
    return [m for m in extract_mentions(body, "en") if m.kind == kind]


def principals(body: str, language: str = "en") -> dict:
    return {m.role: m for m in extract_mentions(body, language) if m.role}


@pytest.mark.parametrize(
    ("written", "rank"),
    [
        ("Lt Gen", "Lieutenant General"),
        ("Gen", "General"),
        ("Maj Gen", "Major General"),
        ("Brig", "Brigadier"),
        ("Cdre", "Commodore"),
        ("AVM", "Air Vice Marshal"),
        ("Col Gen", "Colonel General"),
        ("Lieutenant General", "Lieutenant General"),
        ("Air Chief Marshal", "Air Chief Marshal"),
        ("Vice Admiral", "Vice Admiral"),
        ("Wg Cdr", "Wing Commander"),
    ],
)
def test_ranks_are_normalised_from_any_spelling(written, rank):
    (person,) = of_kind(f"{written} Imran Khalid inaugurated the new block.", "person")
    assert (person.rank, person.normalized, person.text) == (rank, "Imran Khalid", f"{written} Imran Khalid")


def test_words_after_a_rank_that_are_not_names_make_no_person():
    body = (
        "The conference at General Headquarters was chaired by the General Officer Commanding. "
        "A major exercise followed, and the captain of the team received the trophy."
    )
    assert of_kind(body, "person") == []


def test_a_name_ends_at_honours_punctuation_and_lower_case():
    body = (
        "General Syed Asim Munir, NI(M) met Admiral Naveed Ashraf HI(M) and Lt Col Kashif Mehmood (age 41)."
    )
    assert [m.normalized for m in of_kind(body, "person")] == [
        "Syed Asim Munir",
        "Naveed Ashraf",
        "Kashif Mehmood",
    ]


def test_qualifiers_between_rank_and_name_are_neither():
    body = "Brig (Retd) Nadeem Ahmed and Col (Dr) Sadia Khan spoke; Major General Dr Aisha Malik chaired."
    assert [(m.rank, m.normalized) for m in of_kind(body, "person")] == [
        ("Brigadier", "Nadeem Ahmed"),
        ("Colonel", "Sadia Khan"),
        ("Major General", "Aisha Malik"),
    ]


def test_service_chiefs_named_without_their_office_are_still_principals():
    by_name = principals("Lieutenant General Bandar Al-Muzain of Kuwait called on General Syed Asim Munir.")
    assert (by_name["pakistani_principal"].appointment, by_name["foreign_principal"].country_code) == (
        "Chief of Army Staff",
        "KW",
    )
    by_rank = principals(
        "A meeting was held between Admiral Ali Raza and Vice Admiral Denis Gauthier of Canada."
    )
    assert by_rank["pakistani_principal"].appointment == "Chief of the Naval Staff"
    named_twice = principals(
        "General Sahir Shamshad Mirza, CJCSC, opened the seminar. Later, the Omani Ambassador met "
        "General Sahir Shamshad Mirza."
    )
    assert named_twice["pakistani_principal"].appointment == "Chairman Joint Chiefs of Staff Committee"


def test_names_may_start_with_any_capital_letter():
    body = "General Ümit Dündar met Lt Gen Şükrü Özkan and Brig Émile Østergaard; Maj 2 companies moved."
    assert [m.normalized for m in of_kind(body, "person")] == [
        "Ümit Dündar",
        "Şükrü Özkan",
        "Émile Østergaard",
    ]


def test_transliterations_of_one_name_normalise_alike():
    assert normalize_name("Aleksandr V. Fomin") == normalize_name("Alexander V Fomin") == "Alexander V Fomin"
    assert normalize_name("Mohammed  bin Salman") == "Muhammad bin Salman"


@pytest.mark.parametrize(
    ("body", "country"),
    [
        ("Russia's Deputy Minister of Defence Colonel General Alexander V Fomin called on the COAS.", "RU"),
        ("The Chinese Ambassador Jiang Zaidong called on the Chief of Army Staff.", "CN"),
        ("Lieutenant General Fahad Al-Mutair, Commander of the Royal Saudi Land Forces, met the COAS.", "SA"),
        ("Admiral Ercument Tatlioglu, Commander of the Turkish Naval Forces, called on the CNS.", "TR"),
        ("The Chief of Army Staff of the Bangladesh Army met the CJCSC.", "BD"),
        ("The Commander-in-Chief of the Bahrain Defence Force called on the COAS.", "BH"),
    ],
)
def test_an_office_takes_the_country_the_text_gives_it(body, country):
    roles = principals(body)
    assert roles["foreign_principal"].country_code == country
    assert roles["pakistani_principal"].country_code == "PK"


@pytest.mark.parametrize(
    ("body", "visitor", "host"),
    [
        (
            "A delegation of the Sudanese Armed Forces called on the Corps Commander Karachi.",
            ("SD", "Delegation", None),
            "Corps Commander",
        ),
        (
            "A delegation of the Royal Jordanian Air Force, led by Brigadier General Yousef Hiyari, "
            "Commander of the Royal Jordanian Air Force, called on the Chief of the Air Staff.",
            ("JO", "Commander", "Yousef Hiyari"),
            "Chief of the Air Staff",
        ),
        (
            "The CNS received Vice Admiral Brad Cooper, Commander US Naval Forces Central Command, at NHQ.",
            ("US", "Commander", "Brad Cooper"),
            "Chief of the Naval Staff",
        ),
        (
            "Lieutenant General Shahid Ali, Commander Mangla Corps, met the Defence Attaché of Japan.",
            ("JP", "Defence Attaché", None),
            "Corps Commander",
        ),
    ],
)
def test_visitors_are_named_people_offices_or_else_delegations(body, visitor, host):
    roles = principals(body)
    found = roles["foreign_principal"]
    assert (found.country_code, found.appointment, found.person) == visitor
    assert roles["pakistani_principal"].appointment == host


def test_offices_abroad_take_the_host_country_and_repeat_their_country():
    visit = principals(
        "The Chief of Army Staff met the Crown Prince of Abu Dhabi during his visit to the UAE."
    )
    assert (visit["foreign_principal"].appointment, visit["foreign_principal"].country_code) == (
        "Crown Prince",
        "AE",
    )
    host = principals("During his visit to Egypt, the Naval Chief met the Commander of the Navy.")
    assert host["foreign_principal"].country_code == "EG"
    king = principals("The COAS called on the King of Bahrain, His Majesty King Hamad bin Isa Al Khalifa.")
    assert (king["foreign_principal"].country_code, king["foreign_principal"].person) == (
        "BH",
        "Hamad bin Isa Al Khalifa",
    )


def test_pakistani_principals_are_linked_to_their_appointments():
    body = (
        "General Sahir Shamshad Mirza, Chairman Joint Chiefs of Staff Committee, received the Saudi "
        "Ambassador. Chief of the Air Staff, Air Chief Marshal Zaheer Ahmed Baber Sidhu, was also present."
    )
    offices = {m.normalized: m.appointment for m in of_kind(body, "person")}
    assert offices == {
        "Sahir Shamshad Mirza": "Chairman Joint Chiefs of Staff Committee",
        "Zaheer Ahmed Baber Sidhu": "Chief of the Air Staff",
    }
    roles = principals(body)
    assert (roles["foreign_principal"].appointment, roles["foreign_principal"].country_code) == (
        "Ambassador",
        "SA",
    )
    assert roles["pakistani_principal"].person == "Sahir Shamshad Mirza"


def test_no_engagement_without_a_meeting_or_without_both_sides():
    assert principals("The Chinese Ambassador and the COAS attended the exercise as chief guests.") == {}
    assert principals("The COAS met troops deployed along the Line of Control.") == {}
    assert principals("Ships from China and Türkiye met off Karachi for the exercise.") == {}


def test_country_names_need_their_capitals_and_seas_are_not_countries():
    codes = {m.country_code for m in extract_mentions("Let us sail the Indian Ocean with US and UK ships.")}
    assert "IN" not in codes and {"US", "GB"} <= codes
    assert not any(m.kind == "country" for m in extract_mentions("let us see what the us team did"))


def test_words_after_an_urdu_office_are_not_taken_for_a_name():
    body = "کمانڈر سدرن کمانڈ نے کوئٹہ میں طلبہ سے خطاب کیا۔ کمانڈر بلوچ رجمنٹ بھی موجود تھے۔"
    assert [m for m in extract_mentions(body, "ur") if m.kind == "person"] == []
    offices = [m.normalized for m in extract_mentions(body, "ur") if m.kind == "appointment"]
    assert offices == ["Commander Southern Command", "Commander"]


def test_urdu_countries_people_and_a_meeting():
    body = "ترکیہ کی بری افواج کے کمانڈر جنرل سلجوک بایراکتار اولو نے جی ایچ کیو میں آرمی چیف سے ملاقات کی۔"
    mentions = extract_mentions(body, "ur")
    assert {m.country_code for m in mentions if m.kind == "country"} == {"TR"}
    roles = principals(body, "ur")
    assert roles["foreign_principal"].country_code == "TR"
    assert roles["pakistani_principal"].appointment == "Chief of Army Staff"
    assert roles["venue"].normalized == "General Headquarters, Rawalpindi"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            list("ابپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنوہھءیے۔،؟ \n")
            + list("AaBbGgLlMmNnOoSsTtUu.,'’()- ")
            + ["General ", "COAS ", "Lt Gen ", "Russia's ", "جنرل ", "روس ", "met ", "ملاقات ", "İ", "ß"]
        ),
        max_size=120,
    ).map("".join)
)
def test_any_text_gives_mentions_whose_offsets_point_at_their_text(body):
    for mention in extract_mentions(body, "ur"):
        assert body[mention.start : mention.end] == mention.text
        assert mention.kind in ("person", "appointment", "country", "place", "organisation")


def test_empty_and_foreign_script_bodies_give_nothing():
    assert extract_mentions("", "en") == []
    assert extract_mentions("中国人民解放军代表团访问了巴基斯坦。", "zh") == []


def test_the_version_names_the_rules_and_the_data():
    rules, digest = VERSION.split(".")
    assert rules.isdigit() and len(digest) == 10


def test_every_data_file_ships_with_the_package():
    """setuptools installs only what package-data names; the extractor must not need the source tree."""
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    shipped = patterns["extraction.entities"]
    on_disk = sorted(p.name for p in Path(str(DATA)).iterdir())
    assert sorted(DATA_FILES) == on_disk
    assert all(any(fnmatch(f"data/{name}", pattern) for pattern in shipped) for name in on_disk)


def test_gold_releases_meet_the_targets(capsys):
    """Precision and recall per kind on the annotated releases, printed for the record.

    `test` was written before the rules and measured once after they were frozen on `dev`; `test2` to
    `test4` were written after them, each measured once and then used to fix what it showed (README has
    every first measurement).
    """
    gold = load_gold()
    assert len(gold) >= 80
    assert {"en", "ur"} <= {r["language"] for r in gold}
    report = {}
    for split in ("dev", "test", "test2", "test3", "test4", "all"):
        releases = [r for r in gold if split in ("all", r["split"])]
        report[split], _ = score(releases)
    with capsys.disabled():
        print()
        for split, figures in report.items():
            for kind, f in figures.items():
                print(f"{split:5} {kind:12} P {f['precision']:.3f}  R {f['recall']:.3f}  (n={f['expected']})")
    for split in ("test", "all"):
        for kind, target in TARGETS.items():
            assert report[split][kind]["precision"] >= target, (split, kind)
            assert report[split][kind]["recall"] >= target, (split, kind)
