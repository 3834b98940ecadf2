"""Story clustering (`digest.stories`) on small hand-made corpora: one per near-miss shape.

Each corpus mixes the pair under test with unrelated reports, so that words every report uses
("police", "officials", "government") weigh little, as they do in a real archive. Mentions are
made by hand (every occurrence of each listed name), so no model is needed.
"""

from __future__ import annotations

import datetime as dt
import random
import re

from digest.model import Actor, Analysis, Article, Mention
from digest.stories import group_stories, story_of_articles

Names = dict[str, tuple[str, str]]
"""Surface form → (actor key, type)."""


def _report(slug: str, day: str, title: str, *paragraphs: str, names: Names) -> tuple[Article, Analysis]:
    article = Article(
        path=f"content/{slug}.md",
        slug=slug,
        title=title,
        published=dt.date.fromisoformat(day),
        date_source="front_matter",
        source=None,
        url=None,
        author=None,
        paragraphs=paragraphs,
    )
    mentions = [
        Mention(text=form, start=m.start(), end=m.end(), type=kind, actor_key=key)
        for form, (key, kind) in names.items()
        for m in re.finditer(rf"\b{re.escape(form)}\b", article.text)
    ]
    return article, Analysis(mentions=tuple(sorted(mentions, key=lambda m: (m.start, -m.end))))


def _actors(names: Names) -> list[Actor]:
    return sorted({Actor(key=k, name=k, type=t) for k, t in names.values()}, key=lambda a: a.key)


NAMES: Names = {
    "Alice Chebet": ("alice-chebet", "person"),
    "Chebet": ("alice-chebet", "person"),
    "Tola Bekele": ("tola-bekele", "person"),
    "Bekele": ("tola-bekele", "person"),
    "Kenya": ("kenya", "place"),
    "Berlin": ("berlin", "place"),
    "Amsterdam": ("amsterdam", "place"),
    "Maria Lopez": ("maria-lopez", "person"),
    "Lopez": ("maria-lopez", "person"),
    "Tom Hale": ("tom-hale", "person"),
    "Hale": ("tom-hale", "person"),
    "Ann Reyes": ("ann-reyes", "person"),
    "Reyes": ("ann-reyes", "person"),
    "Sam Ortiz": ("sam-ortiz", "person"),
    "Ortiz": ("sam-ortiz", "person"),
    "Democratic Party": ("democratic-party", "organization"),
    "Iowa": ("iowa", "place"),
    "Olga": ("olga", "organization"),
    "Pablo": ("pablo", "organization"),
    "National Hurricane Center": ("national-hurricane-center", "organization"),
    "Cuba": ("cuba", "place"),
    "Bermuda": ("bermuda", "place"),
    "Riverside Hospital": ("riverside-hospital", "organization"),
    "High Court": ("high-court", "organization"),
    "Court of Appeal": ("court-of-appeal", "organization"),
    "Health Ministry": ("health-ministry", "organization"),
    "Lima": ("lima", "place"),
    "Peru": ("peru", "place"),
    "Kolkata": ("kolkata", "place"),
    "India": ("india", "place"),
    "Oslo": ("oslo", "place"),
    "Norway": ("norway", "place"),
    "Erik Berg": ("erik-berg", "person"),
    "Berg": ("erik-berg", "person"),
    "Canberra": ("canberra", "place"),
    "Reserve Bank": ("reserve-bank", "organization"),
    "Lena Park": ("lena-park", "person"),
}


def _background() -> list[tuple[Article, Analysis]]:
    """Unrelated reports: the archive around the pairs under test."""
    return [
        _report(
            "bg-budget",
            "2021-03-02",
            "Norway's government presents budget with higher health spending",
            "The government in Oslo presented its budget on Tuesday, with more money for hospitals and schools.",
            "Finance minister Erik Berg said the plan would cut waiting times. Officials said taxes would not rise.",
            "The opposition said the budget did too little for families, and a vote is expected next month.",
            names=NAMES,
        ),
        _report(
            "bg-rates",
            "2021-03-05",
            "Reserve Bank raises interest rates to curb inflation",
            "The Reserve Bank in Canberra raised its main interest rate by a quarter point on Friday.",
            "Governor Lena Park said inflation had stayed above target for a year. Officials expect more rises.",
            "Economists said the decision would cool the housing market and slow growth.",
            names=NAMES,
        ),
        _report(
            "bg-election",
            "2021-03-10",
            "Norway's prime minister calls early election",
            "The prime minister of Norway called an early election on Wednesday after the coalition collapsed.",
            "Erik Berg, the finance minister, said his party was ready. The vote will be held in May, officials said.",
            names=NAMES,
        ),
        _report(
            "bg-museum",
            "2021-03-12",
            "Oslo museum reopens after renovation",
            "A museum in Oslo reopened to visitors on Friday after a renovation that took three years.",
            "Officials said the work cost more than planned. Visitors queued outside before the doors opened.",
            names=NAMES,
        ),
    ]


def _stories_of(items: list[tuple[Article, Analysis]]) -> dict[str, str]:
    stories = group_stories(items, _actors(NAMES))
    return story_of_articles(stories)


def _same(story_of: dict[str, str], a: str, b: str) -> bool:
    return story_of[a] == story_of[b]


def test_two_marathons_a_day_apart_are_two_stories() -> None:
    items = [
        *_background(),
        _report(
            "berlin-marathon",
            "2021-03-14",
            "Kenya's Alice Chebet wins Berlin Marathon in course record",
            "Alice Chebet of Kenya won the Berlin Marathon on Sunday in a course record of two hours and 15 minutes.",
            "Chebet pulled away from the leading group after 30 kilometres and crossed the line alone.",
            "It was the second marathon win of her career, after a victory in Berlin two years ago.",
            names=NAMES,
        ),
        _report(
            "amsterdam-marathon",
            "2021-03-15",
            "Tola Bekele sets world record at Amsterdam Marathon",
            "Tola Bekele won the Amsterdam Marathon on Monday in a world record of two hours and one minute.",
            "Bekele led from the start and finished more than a minute ahead of the field.",
            "The marathon record had stood for four years; Kenya's runners finished second and third.",
            names=NAMES,
        ),
    ]
    assert not _same(_stories_of(items), "berlin-marathon", "amsterdam-marathon")


def test_candidates_each_ending_their_campaign_are_separate_stories() -> None:
    candidates = [("lopez", "Maria Lopez", "Lopez"), ("hale", "Tom Hale", "Hale"), ("reyes", "Ann Reyes", "Reyes")]
    items = _background()
    for n, (slug, full, last) in enumerate(candidates):
        items.append(
            _report(
                f"{slug}-ends-bid",
                f"2021-03-{16 + n:02d}",
                f"{full} ends presidential campaign",
                f"{full} ended her presidential campaign on Tuesday, weeks before the Democratic Party caucuses "
                "in Iowa.",
                f"{last} told supporters the campaign had run out of money and that she would not endorse "
                "another candidate yet.",
                f"{last} had polled below two percent nationally and failed to qualify for the last debate.",
                names=NAMES,
            )
        )
    story_of = _stories_of(items)
    assert len({story_of[f"{slug}-ends-bid"] for slug, _, _ in candidates}) == 3


def test_two_hurricanes_in_one_week_are_two_stories() -> None:
    items = [
        *_background(),
        _report(
            "olga-cuba",
            "2021-03-16",
            "Hurricane Olga makes landfall in Cuba",
            "Hurricane Olga made landfall in eastern Cuba on Tuesday with winds of 180 kilometres an hour, "
            "the National Hurricane Center said.",
            "Olga brought heavy rain and storm surge; thousands were evacuated from coastal towns in Cuba.",
            names=NAMES,
        ),
        _report(
            "pablo-bermuda",
            "2021-03-19",
            "Hurricane Pablo strengthens as it approaches Bermuda",
            "Hurricane Pablo strengthened to a category three storm on Friday as it approached Bermuda, "
            "the National Hurricane Center said.",
            "Pablo is expected to bring heavy rain and storm surge; schools in Bermuda were closed.",
            names=NAMES,
        ),
    ]
    assert not _same(_stories_of(items), "olga-cuba", "pablo-bermuda")


def test_storms_that_are_no_actors_still_tell_two_hurricanes_apart() -> None:
    # Storms are things, not actors (`lexicon.STORM_NAME_RE`); the forecaster is every storm's actor.
    names = {form: key for form, key in NAMES.items() if form not in {"Olga", "Pablo"}}
    olga = (
        "olga-cuba",
        "2021-03-16",
        "Tropical Storm Olga makes landfall in Cuba",
        (
            "Tropical Storm Olga made landfall in Cuba on Tuesday with heavy rain and storm surge, "
            "the National Hurricane Center said."
        ),
        "The National Hurricane Center said Olga would weaken over land. Thousands were evacuated in Cuba.",
    )
    pablo = (
        "pablo-storm",
        "2021-03-19",
        "Tropical Storm Pablo upgraded to hurricane",
        (
            "Tropical Storm Pablo was upgraded to a hurricane on Friday with heavy rain and storm surge, "
            "the National Hurricane Center said, a week after Tropical Storm Olga hit Cuba."
        ),
        "The National Hurricane Center said Pablo would strengthen. Pablo is not expected to reach Cuba.",
    )
    olga_later = (
        "olga-cleanup",
        "2021-03-18",
        "Cuba counts damage after Tropical Storm Olga",
        (
            "Cuba began to count the damage on Thursday after Tropical Storm Olga brought heavy rain and storm "
            "surge, the National Hurricane Center said."
        ),
        "Olga destroyed hundreds of homes in Cuba, officials said.",
    )
    items = [*_background(), *(_report(*r, names=names) for r in (olga, pablo, olga_later))]
    story_of = group_stories(items, _actors(names))
    story_of_slug = story_of_articles(story_of)
    assert not _same(story_of_slug, "olga-cuba", "pablo-storm")  # Pablo's report names Olga once
    assert _same(story_of_slug, "olga-cuba", "olga-cleanup")


def test_two_court_rulings_on_one_case_weeks_apart_are_one_story() -> None:
    items = [
        *_background(),
        _report(
            "hospital-ruling",
            "2021-03-01",
            "High Court blocks closure of Riverside Hospital",
            "The High Court on Monday blocked the Health Ministry's plan to close Riverside Hospital, "
            "ruling that the ministry had failed to consult patients.",
            "The judge said the closure of the hospital's emergency ward was unlawful.",
            "The Health Ministry said it would appeal the ruling.",
            names=NAMES,
        ),
        _report(
            "hospital-appeal",
            "2021-03-29",
            "Court of Appeal overturns ruling on Riverside Hospital closure",
            "The Court of Appeal on Monday overturned the High Court ruling that had blocked the closure of "
            "Riverside Hospital.",
            "The Health Ministry can now close the hospital's emergency ward, the appeal judges said; patients "
            "groups said they would take the case further.",
            names=NAMES,
        ),
    ]
    assert _same(_stories_of(items), "hospital-ruling", "hospital-appeal")


def test_two_crashes_on_one_day_are_two_stories() -> None:
    items = [
        *_background(),
        _report(
            "lima-bus-crash",
            "2021-03-20",
            "Bus crash near Lima kills twelve",
            "A bus crashed into a ravine near Lima, Peru, on Saturday, killing twelve passengers and injuring "
            "twenty, police said.",
            "The driver lost control on a mountain road, officials said. The injured were taken to hospital.",
            names=NAMES,
        ),
        _report(
            "kolkata-bus-crash",
            "2021-03-20",
            "Bus crash in Kolkata kills nine",
            "A bus crashed into a bridge in Kolkata, India, on Saturday, killing nine passengers and injuring "
            "fifteen, police said.",
            "The driver lost control in heavy rain, officials said. The injured were taken to hospital.",
            names=NAMES,
        ),
    ]
    assert not _same(_stories_of(items), "lima-bus-crash", "kolkata-bus-crash")


def test_every_article_is_in_exactly_one_story_and_order_does_not_matter() -> None:
    items = [
        *_background(),
        *[
            _report(
                f"hospital-{n}",
                f"2021-03-{n:02d}",
                f"Riverside Hospital closure: update {n}",
                "The Health Ministry's plan to close Riverside Hospital's emergency ward was debated again, "
                "as patients groups protested outside the hospital.",
                names=NAMES,
            )
            for n in (3, 9, 21)
        ],
    ]
    stories = group_stories(items, _actors(NAMES))
    listed = [slug for s in stories for slug in s.articles]
    assert sorted(listed) == sorted(a.slug for a, _ in items)
    shuffled = items[:]
    random.Random(7).shuffle(shuffled)
    assert group_stories(shuffled, _actors(NAMES)) == stories


def test_a_story_keeps_its_id_as_later_articles_join() -> None:
    first = [
        *_background(),
        _report(
            "hospital-ruling",
            "2021-03-01",
            "High Court blocks closure of Riverside Hospital",
            "The High Court on Monday blocked the Health Ministry's plan to close Riverside Hospital, "
            "ruling that the ministry had failed to consult patients.",
            "The Health Ministry said it would appeal the ruling.",
            names=NAMES,
        ),
        _report(
            "hospital-protest",
            "2021-03-08",
            "Patients protest at Riverside Hospital as closure ruling is appealed",
            "Patients protested outside Riverside Hospital on Monday as the Health Ministry appealed the High "
            "Court ruling that blocked the closure.",
            names=NAMES,
        ),
    ]
    before = story_of_articles(group_stories(first, _actors(NAMES)))
    later = _report(
        "hospital-appeal",
        "2021-03-29",
        "Court of Appeal overturns ruling on Riverside Hospital closure",
        "The Court of Appeal on Monday overturned the High Court ruling that had blocked the closure of "
        "Riverside Hospital, after the Health Ministry appealed.",
        names=NAMES,
    )
    after = story_of_articles(group_stories([*first, later], _actors(NAMES)))
    assert before["hospital-ruling"] == before["hospital-protest"] == after["hospital-appeal"]
    assert before["hospital-ruling"] == after["hospital-ruling"]
    assert after["hospital-ruling"].startswith("2021-03-")


def test_a_small_archive_does_not_link_two_stories_of_one_town() -> None:
    # Three articles only: every shared word looks rare. The bridge and the strike share the town,
    # the mayor and the port, but no headline word or headline name.
    items = [
        _report(
            "bridge-reopens",
            "2021-03-01",
            "Riverside bridge to reopen after repairs",
            "The bridge over the river in Oslo will reopen on Monday after four months of repairs, "
            "Erik Berg said, and the port road will carry traffic again.",
            names=NAMES,
        ),
        _report(
            "dock-strike",
            "2021-03-08",
            "Dock workers walk out over night pay",
            "Dock workers at the port of Oslo walked out on Monday over night pay; Erik Berg said the "
            "reopened bridge and port road would stay open.",
            names=NAMES,
        ),
        _report(
            "rates",
            "2021-03-05",
            "Reserve Bank raises interest rates",
            "The Reserve Bank in Canberra raised its main interest rate on Friday, Lena Park said.",
            names=NAMES,
        ),
    ]
    assert not _same(_stories_of(items), "bridge-reopens", "dock-strike")
